//! The roster as one self-contained HTML page (`--html`): per unit, staff by working day
//! coloured by mode, each day's office count, and a filter box by unit or name. No network
//! assets: the style and the script are inline. The script counts the office cells of each
//! day itself, so what the page shows is what a browser computed from the cells it shows.

use super::wide::WideRoster;
use super::xlsx::MODE_COLORS;
use crate::lang::Lang;
use crate::mode::Mode;
use crate::resolve::Resolver;
use chrono::Datelike;
use std::io::Write;

/// Text for HTML element content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const SCRIPT: &str = r#"
// Each day's office count, from the cells of that day's column in each unit.
for (const table of document.querySelectorAll("table.roster")) {
  const rows = [...table.tBodies[0].rows];
  for (const cell of table.querySelectorAll("tfoot td.office")) {
    const col = Number(cell.dataset.col);
    cell.textContent = rows.filter(r => r.cells[col].classList.contains("m-WFO")).length;
  }
}
// The filter: units whose name, or people whose name or NIP, contain the text.
const box = document.getElementById("filter");
function applyFilter() {
  const needle = box.value.trim().toLowerCase();
  for (const section of document.querySelectorAll("section.unit")) {
    const unitMatches = section.dataset.unit.toLowerCase().includes(needle);
    let shown = 0;
    for (const row of section.querySelectorAll("tbody tr")) {
      row.hidden = !(unitMatches || row.dataset.person.toLowerCase().includes(needle));
      if (!row.hidden) shown++;
    }
    section.hidden = shown === 0;
  }
}
box.addEventListener("input", applyFilter);
const initial = new URLSearchParams(location.hash.slice(1)).get("filter");
if (initial) { box.value = initial; applyFilter(); }
"#;

pub fn write<W: Write>(
    resolver: &Resolver,
    wide: &WideRoster,
    lang: Lang,
    mut out: W,
) -> std::io::Result<W> {
    let l = lang.labels();
    let staff = resolver.staff;
    let policy = resolver.policy;
    let html_lang = match lang {
        Lang::En => "en",
        Lang::Id => "id",
    };
    let mut style = String::from(
        "body{font:13px system-ui,sans-serif;margin:1em;color:#222}\
         h1{font-size:1.4em}h2{font-size:1.1em;margin:1.2em 0 .3em}\
         table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 4px;white-space:nowrap}\
         th{background:#f2f2f2}td.m{text-align:center;font-size:11px}\
         tfoot td,tfoot th{font-weight:bold;background:#fafafa}tfoot td{text-align:center}\
         #filter{font-size:14px;padding:4px;width:24em}.legend span{padding:2px 6px;margin-right:6px}",
    );
    for (mode, color) in Mode::ALL.iter().zip(MODE_COLORS) {
        style.push_str(&format!(".m-{}{{background:#{color:06X}}}", mode.code()));
    }
    writeln!(
        out,
        "<!doctype html>\n<html lang=\"{html_lang}\"><head><meta charset=\"utf-8\">\
         <title>{}</title><style>{style}</style></head><body>",
        esc(&policy.name)
    )?;
    writeln!(
        out,
        "<h1>{}</h1><p>{}..{}, {} {}, {} {}</p>",
        esc(&policy.name),
        policy.period.start,
        policy.period.end,
        resolver.days.len(),
        l.working_days,
        staff.people.len(),
        l.staff_count
    )?;
    write!(out, "<p class=\"legend\">")?;
    for (i, mode) in Mode::ALL.iter().enumerate() {
        write!(
            out,
            "<span class=\"m-{0}\">{0}</span>{1} ",
            mode.code(),
            esc(l.modes[i])
        )?;
    }
    writeln!(
        out,
        "</p><p><input id=\"filter\" type=\"search\" placeholder=\"{} / {}\"></p>",
        esc(l.unit),
        esc(l.name)
    )?;
    let day_headers: String = resolver
        .days
        .iter()
        .map(|d| {
            format!(
                "<th>{} {:02}/{:02}</th>",
                lang.weekday(d.weekday()),
                d.day(),
                d.month()
            )
        })
        .collect();
    let mut person = 0;
    while person < staff.people.len() {
        let unit = staff.people[person].unit;
        let end = person + staff.people[person..].partition_point(|p| p.unit == unit);
        let name = esc(&staff.units[unit as usize]);
        writeln!(
            out,
            "<section class=\"unit\" data-unit=\"{name}\"><h2>{name}</h2>\
             <table class=\"roster\"><thead><tr><th>{}</th><th>{}</th>{day_headers}</tr></thead><tbody>",
            l.nip, l.name
        )?;
        for i in person..end {
            let p = &staff.people[i];
            let (nip, who) = (esc(staff.nip(p)), esc(staff.name(p)));
            write!(
                out,
                "<tr data-person=\"{nip} {who}\"><td>{nip}</td><td>{who}</td>"
            )?;
            for mode in wide.modes(i) {
                write!(out, "<td class=\"m m-{0}\">{0}</td>", mode.code())?;
            }
            writeln!(out, "</tr>")?;
        }
        write!(
            out,
            "</tbody><tfoot><tr><th colspan=\"2\">{}</th>",
            l.office
        )?;
        for (day, date) in resolver.days.iter().enumerate() {
            write!(
                out,
                "<td class=\"office\" data-col=\"{}\" data-date=\"{date}\"></td>",
                day + 2
            )?;
        }
        writeln!(out, "</tr></tfoot></table></section>")?;
        person = end;
    }
    writeln!(out, "<script>{SCRIPT}</script></body></html>")?;
    Ok(out)
}
