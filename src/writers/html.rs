//! The roster as one self-contained HTML page (`--html`). No network assets: the style, the
//! script and the data are inline.
//!
//! The page stays small and quick at any scale: the roster is in it once, as compact JSON
//! (a person's days are one character each), and the script draws a unit's table only when
//! the unit is opened — every unit at once when the page holds few people. The page opens
//! with the summary (the figures the terminal shows), has a filter by unit, name or NIP
//! (`page.html#filter=kelurahan`), keeps the NIP, name and role columns in view while the days
//! scroll, and prints: each unit on a new page, its working days wrapped into one block per
//! week (kept whole on a page where it fits, its office counts once under it), the legend in
//! every page's bottom margin. The script counts each day's office cells itself, so what
//! the page shows is what a browser computed from the cells it shows.

use super::Part;
use super::wide::WideRoster;
use super::xlsx::MODE_COLORS;
use crate::catalogue::Render;
use crate::facts::Dates;
use crate::facts::SummaryRow;
use crate::lang::Lang;
use crate::mode::Mode;
use crate::view::RosterView;
use chrono::Datelike;
use serde::Serialize;
use std::io::Write;

/// Up to this many people, every unit is drawn when the page opens.
pub const DRAWN_AT_ONCE: usize = 3_000;

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

/// Text inside a CSS string in double quotes, within a `<style>` element: quotes,
/// backslashes and line breaks escaped, and `<` too, so no text can close the element.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("\\3C "),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// JSON text made safe inside a `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 (which
/// occur only inside its strings) as `\u` escapes.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// What the script draws from: everything about the roster, once.
#[derive(Serialize)]
struct Data<'a> {
    /// Mode codes, indexed by the digit each day is written as.
    modes: Vec<&'static str>,
    /// Column headings of the working days (`Mon 24/03`), and their ISO dates.
    heads: Vec<String>,
    dates: Vec<String>,
    /// The first day of each week, as an index into the days; a week is printed as a block.
    weeks: Vec<usize>,
    labels: [&'a str; 4],
    drawn_at_once: bool,
    units: Vec<Unit<'a>>,
}

#[derive(Serialize)]
struct Unit<'a> {
    name: &'a str,
    /// NIP, name, role and the days, one digit per working day (an index into `modes`).
    people: Vec<[&'a str; 3]>,
    days: Vec<String>,
}

const SCRIPT: &str = r#"
const data = JSON.parse(document.getElementById("roster-data").textContent);
const [nipLabel, nameLabel, roleLabel, officeLabel] = data.labels;
const office = data.modes.indexOf("WFO");
const host = document.getElementById("units");
const box = document.getElementById("filter");
let needle = "";

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const c of children) e.append(c);
  return e;
}
function matchesPerson(p) {
  return (p[0] + " " + p[1]).toLowerCase().includes(needle);
}
// One table: NIP, name and role, then the days `from` to `to`, and each day's office count.
function table(unit, from, to, className) {
  const t = el("table", { className });
  const head = el("tr", {}, el("th", { textContent: nipLabel }), el("th", { textContent: nameLabel }),
                  el("th", { textContent: roleLabel }));
  for (let d = from; d < to; d++) head.append(el("th", { textContent: data.heads[d] }));
  t.append(el("thead", {}, head));
  const body = el("tbody");
  unit.people.forEach((p, i) => {
    const row = el("tr", {}, el("td", { textContent: p[0] }), el("td", { textContent: p[1] }),
                   el("td", { textContent: p[2] }));
    row.dataset.person = p[0] + " " + p[1];
    const days = unit.days[i];
    for (let d = from; d < to; d++) {
      const code = data.modes[days.charCodeAt(d) - 48];
      row.append(el("td", { className: "m m-" + code, textContent: code }));
    }
    body.append(row);
  });
  t.append(body);
  const foot = el("tr", {}, el("th", { colSpan: 3, textContent: officeLabel }));
  for (let d = from; d < to; d++) {
    const cell = el("td", { className: className === "roster" ? "office" : "office-week" });
    cell.dataset.col = d - from + 3;
    cell.dataset.date = data.dates[d];
    foot.append(cell);
  }
  t.append(el("tfoot", {}, foot));
  return t;
}
// Each day's office count, from the cells of that day's column.
function count(t) {
  const rows = [...t.tBodies[0].rows];
  for (const cell of t.tFoot.querySelectorAll("td")) {
    const col = Number(cell.dataset.col);
    cell.textContent = rows.filter(r => r.cells[col].classList.contains("m-WFO")).length;
  }
}
function draw(section) {
  if (section.drawn) return;
  section.drawn = true;
  const unit = data.units[section.index];
  const wide = table(unit, 0, data.dates.length, "roster");
  count(wide);
  const screen = el("div", { className: "scroll screen" }, wide);
  const weeks = el("div", { className: "weeks" });
  data.weeks.forEach((from, w) => {
    const to = w + 1 < data.weeks.length ? data.weeks[w + 1] : data.dates.length;
    const block = table(unit, from, to, "week");
    count(block);
    weeks.append(block);
  });
  section.details.append(screen, weeks);
  filterRows(section);
}
function filterRows(section) {
  if (!section.drawn) return;
  const unitMatches = section.dataset.unit.toLowerCase().includes(needle);
  for (const row of section.querySelectorAll("tbody tr")) {
    row.hidden = !(unitMatches || row.dataset.person.toLowerCase().includes(needle));
  }
}
const sections = data.units.map((unit, index) => {
  const summary = el("summary", {}, el("h2", { textContent: unit.name }),
                     el("span", { className: "count", textContent: " " + unit.people.length }));
  const details = el("details", {}, summary);
  const section = el("section", { className: "unit" }, details);
  section.dataset.unit = unit.name;
  Object.assign(section, { index, details, drawn: false });
  details.addEventListener("toggle", () => { if (details.open) draw(section); });
  if (data.drawn_at_once) { details.open = true; draw(section); }
  host.append(section);
  return section;
});
// The filter: units whose name, or people whose name or NIP, contain the text.
function applyFilter() {
  needle = box.value.trim().toLowerCase();
  for (const section of sections) {
    const unit = data.units[section.index];
    const unitMatches = unit.name.toLowerCase().includes(needle);
    const shown = unitMatches ? unit.people.length : unit.people.filter(matchesPerson).length;
    section.hidden = shown === 0;
    if (needle && !section.hidden && !unitMatches && !section.details.open) {
      section.details.open = true;
      draw(section);
    }
    filterRows(section);
  }
}
box.addEventListener("input", applyFilter);
const initial = new URLSearchParams(location.hash.slice(1)).get("filter");
if (initial) { box.value = initial; applyFilter(); }
// What is printed is every unit shown, whole.
window.addEventListener("beforeprint", () => {
  for (const section of sections) {
    if (!section.hidden) { section.details.open = true; draw(section); }
  }
});
"#;

const STYLE: &str = "body{font:13px system-ui,sans-serif;margin:1em;color:#222}\
h1{font-size:1.4em}h2{font-size:1.1em;display:inline;margin:0}\
section.unit{margin:.8em 0}summary{cursor:pointer;padding:.2em 0}summary .count{color:#666}\
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 4px;white-space:nowrap}\
th{background:#f2f2f2}td.m{text-align:center;font-size:11px}\
tfoot td,tfoot th{font-weight:bold;background:#fafafa}tfoot td{text-align:center}\
table.summary td{text-align:right}table.summary td:first-child{text-align:left}\
.scroll{overflow-x:auto;max-width:100%}\
.roster :is(thead,tbody) :nth-child(-n+2),.roster tfoot th{position:sticky;background:#fff;z-index:1}\
.roster thead th:nth-child(-n+2),.roster tfoot th{background:#f2f2f2}\
.roster :is(thead,tbody) :nth-child(1),.roster tfoot th{left:0}\
.roster :is(thead,tbody) :nth-child(1){min-width:19ch;max-width:19ch}\
.roster :is(thead,tbody) :nth-child(2){left:calc(19ch + 9px)}\
#filter{font-size:14px;padding:4px;width:24em}.legend span{padding:2px 6px;margin-right:6px}\
.weeks{display:none}\
@media print{\
body{margin:0;font-size:9px}.no-print,.screen,summary .count{display:none}\
section.unit{break-before:page}details>summary{list-style:none}\
.weeks{display:block}table.week{margin:0 0 8px;break-inside:avoid}table.week tr{break-inside:avoid}\
table.week tfoot{display:table-row-group}\
td,th{padding:1px 3px}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\
table.summary th,table.week td:nth-child(-n+3){white-space:normal}\
table.week td:nth-child(2){min-width:12em}\
table.week td:nth-child(3){max-width:22em;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}}";

pub fn write<W: Write>(
    view: &RosterView,
    wide: &WideRoster,
    part: &Part,
    lang: Lang,
    mut out: W,
) -> std::io::Result<W> {
    let l = lang.labels();
    let policy = view.policy;
    let html_lang = match lang {
        Lang::En => "en",
        Lang::Id => "id",
    };
    let mut style = String::from(STYLE);
    // The legend of a printed page is in its bottom margin, where no table can run into it
    // (a fixed element at the foot of the page was overprinted by the rows, and its
    // coloured boxes showed as slivers at the top of the next page).
    let mut print_legend = format!("{}: ", policy.name);
    for (i, mode) in Mode::ALL.iter().enumerate() {
        print_legend.push_str(&format!("{} {}   ", mode.code(), l.modes[i]));
    }
    style.push_str(&format!(
        "@page{{size:A4 landscape;margin:10mm 10mm 16mm;\
         @bottom-left{{content:\"{}\";font:9px system-ui,sans-serif;color:#222}}}}",
        css_string(print_legend.trim_end())
    ));
    for (mode, color) in Mode::ALL.iter().zip(MODE_COLORS) {
        style.push_str(&format!(".m-{}{{background:#{color:06X}}}", mode.code()));
    }
    writeln!(
        out,
        "<!doctype html>\n<html lang=\"{html_lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <title>{}</title><style>{style}</style></head><body>",
        esc(&policy.name)
    )?;
    // The period as people read it in the page's language (`28 Agu–27 Okt 2023`), and the
    // filter box at the top: a province's summary runs to hundreds of rows.
    writeln!(
        out,
        "<h1>{}</h1><p>{}, {} {}, {} {}</p>\
         <p class=\"no-print\"><input id=\"filter\" type=\"search\" placeholder=\"{} / {} / {}\"></p>",
        esc(&policy.name),
        esc(&Dates::Run(policy.period.start, policy.period.end).render(lang)),
        view.days.len(),
        l.working_days,
        part.people.len(),
        l.staff_count,
        esc(l.unit),
        esc(l.name),
        esc(l.nip)
    )?;
    let mut legend = String::new();
    for (i, mode) in Mode::ALL.iter().enumerate() {
        legend.push_str(&format!(
            "<span class=\"m-{0}\">{0}</span>{1} ",
            mode.code(),
            esc(l.modes[i])
        ));
    }
    writeln!(out, "<p class=\"legend\">{legend}</p>")?;
    write_summary(&mut out, &part.rows, lang)?;
    writeln!(out, "<div id=\"units\"></div>")?;
    // No `<`, `>` or `&` appears inside the JSON (they only occur in its strings, written as
    // `\u003c` …), so no text can close the script element early or, as `<!--<script>`
    // does, make it swallow the next one; U+2028 and U+2029 are escaped for older parsers.
    let json = script_safe(
        &serde_json::to_string(&data(view, wide, part, lang)).map_err(std::io::Error::other)?,
    );
    writeln!(
        out,
        "<script type=\"application/json\" id=\"roster-data\">{json}</script>\
         <script>{SCRIPT}</script></body></html>"
    )?;
    Ok(out)
}

fn data<'a>(view: &RosterView<'a>, wide: &WideRoster, part: &Part, lang: Lang) -> Data<'a> {
    let l = lang.labels();
    let staff = view.staff;
    let days = &view.days;
    let heads = days
        .iter()
        .map(|d| {
            format!(
                "{} {:02}/{:02}",
                lang.weekday(d.weekday()),
                d.day(),
                d.month()
            )
        })
        .collect();
    let weeks = (0..days.len())
        .filter(|&i| i == 0 || days[i].iso_week() != days[i - 1].iso_week())
        .collect();
    let mut units: Vec<Unit> = Vec::new();
    for i in part.people.clone() {
        let person = &staff.people[i];
        let name = staff.units[person.unit as usize].as_str();
        if units.last().is_none_or(|u| u.name != name) {
            units.push(Unit {
                name,
                people: Vec::new(),
                days: Vec::new(),
            });
        }
        let unit = units.last_mut().expect("pushed above");
        unit.people
            .push([staff.nip(person), staff.name(person), staff.role(person)]);
        unit.days.push(
            wide.modes(i)
                .map(|m| char::from(b'0' + m.index() as u8))
                .collect(),
        );
    }
    units.sort_by(|a, b| crate::pattern::natural_cmp(a.name, b.name));
    Data {
        modes: Mode::ALL.iter().map(|m| m.code()).collect(),
        heads,
        dates: days.iter().map(std::string::ToString::to_string).collect(),
        weeks,
        labels: [l.nip, l.name, l.role, l.office],
        drawn_at_once: part.people.len() <= DRAWN_AT_ONCE,
        units,
    }
}

/// The summary table, with the figures the terminal shows.
fn write_summary<W: Write>(out: &mut W, rows: &[&SummaryRow], lang: Lang) -> std::io::Result<()> {
    let l = lang.labels();
    write!(out, "<table class=\"summary\"><thead><tr>")?;
    for title in l.summary_columns() {
        write!(out, "<th>{}</th>", esc(title))?;
    }
    write!(out, "</tr></thead><tbody>")?;
    // Units in the order people read names ("SMP Negeri 78" before "SMP Negeri 776"), the
    // total last.
    let mut rows = rows.to_vec();
    rows.sort_by(|a, b| {
        (a.unit == "TOTAL")
            .cmp(&(b.unit == "TOTAL"))
            .then_with(|| crate::pattern::natural_cmp(&a.unit, &b.unit))
    });
    for row in rows {
        let unit = if row.unit == "TOTAL" {
            l.total
        } else {
            &row.unit
        };
        write!(out, "<tr><td>{}</td>", esc(unit))?;
        for cell in super::summary::display_cells(row, lang) {
            write!(out, "<td>{}</td>", esc(&cell))?;
        }
        write!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table>")
}
