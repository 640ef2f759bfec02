//! A deterministic, realistic attendance (presensi) export made from a planned roster, with
//! deviations injected at the rates given, for tests, benchmarks and demonstrations of
//! `roster attendance`.
//!
//! ```sh
//! cargo run --example presensi -- --roster roster.csv --seed 1 > presensi.csv
//! cargo run --example presensi -- --roster roster.csv --shape events \
//!     --rate office_missed=10 --rate leave=5 --by-unit presensi/
//! ```
//!
//! Rates are percentages of the person-days each deviation can happen on (`office_missed`:
//! of planned WFO days; `office_on_remote_day`: of planned WFH/WFA days; `absent`, `leave`,
//! `no_record`, `on_duty`: of planned working days; `not_planned`: of each person's weeks, a
//! Saturday check-in; `late`, `early`: of present days). `--expected FILE` writes the class
//! each person-day must get (`date,nip,class`). The same roster, in any row order, and the same
//! seed give the same bytes.

use roster::attendance::generate::{PlannedDay, Rates, Shape, generate};
use roster::input::Options;
use roster::roster_file::{self, Dating};
use std::io::Write;
use std::path::PathBuf;

fn usage(problem: &str) -> ! {
    eprintln!("presensi: {problem}");
    eprintln!(
        "usage: presensi --roster R.csv [--seed N] [--shape daily|events] [--rate NAME=PCT]... [--by-unit DIR] [--expected FILE]"
    );
    std::process::exit(2)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut roster, mut seed, mut shape) = (None, 1u64, Shape::Daily);
    let (mut rates, mut by_unit, mut expected) = (Rates::default(), None, None);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{flag} needs a value")))
        };
        match flag.as_str() {
            "--roster" => roster = Some(PathBuf::from(value())),
            "--seed" => {
                seed = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--seed takes a number"));
            }
            "--shape" => {
                shape = match value().as_str() {
                    "daily" => Shape::Daily,
                    "events" => Shape::Events,
                    other => usage(&format!("unknown shape `{other}`: daily or events")),
                }
            }
            "--rate" => rates.set(&value()).unwrap_or_else(|e| usage(&e)),
            "--by-unit" => by_unit = Some(PathBuf::from(value())),
            "--expected" => expected = Some(PathBuf::from(value())),
            other => usage(&format!("unknown argument `{other}`")),
        }
    }
    let roster = roster.unwrap_or_else(|| usage("--roster is required"));
    let mut planned = Vec::new();
    let read = roster_file::read(&roster, &Options::default(), Dating::Unknown, |row, _| {
        planned.push(PlannedDay {
            date: row.date,
            nip: row.nip.clone(),
            name: row.name.clone(),
            unit: row.unit.clone(),
            mode: row.mode,
        });
        Ok(())
    });
    if let Err(e) = read {
        eprintln!("presensi: {e}");
        std::process::exit(1);
    }
    let made = generate(&planned, &rates, shape, seed);
    let csv = |rows: &mut dyn Iterator<Item = &Vec<String>>| {
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(&made.header).expect("in memory");
        for row in rows {
            out.write_record(row).expect("in memory");
        }
        out.into_inner().expect("in memory")
    };
    let result = match &by_unit {
        None => std::io::stdout().write_all(&csv(&mut made.rows.iter().map(|(_, r)| r))),
        Some(dir) => std::fs::create_dir_all(dir).and_then(|()| {
            let mut units: Vec<&String> = made.rows.iter().map(|(u, _)| u).collect();
            units.sort();
            units.dedup();
            units.iter().try_for_each(|unit| {
                let name: String = unit
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { '_' })
                    .collect();
                let rows = &mut made.rows.iter().filter(|(u, _)| u == *unit).map(|(_, r)| r);
                std::fs::write(dir.join(format!("{name}.csv")), csv(rows))
            })
        }),
    };
    let result = result.and_then(|()| match &expected {
        Some(path) => {
            let mut text = String::from("date,nip,class\n");
            for ((date, nip), class) in &made.expected {
                text.push_str(&format!("{date},{nip},{}\n", class.code()));
            }
            std::fs::write(path, text)
        }
        None => Ok(()),
    });
    if let Err(e) = result {
        eprintln!("presensi: {e}");
        std::process::exit(1);
    }
}
