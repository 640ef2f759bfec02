//! `roster explain NAME`: finding a person by name, titles, case and accents aside.

use crate::support::{Run, Workdir};

const POLICY: &str = r#"name = "uji"
[period]
start = 2025-03-24
end = 2025-04-11
calendar = "indonesia"
[split]
WFO = 60
WFH = 40
"#;

/// Two units; titled names, an accented one, a name that begins another, and more Budis
/// than a list of candidates shows.
fn staff() -> String {
    let mut csv = String::from("NIP,Nama,Unit Kerja,Jabatan\n");
    let people = [
        (
            "197709072005052001",
            "Dra. Novi Purwanti, M.Si.",
            "Dinas Kesehatan",
        ),
        (
            "197907082013032001",
            "dr. Ahmad Syafei, M.Kes.",
            "Dinas Kesehatan",
        ),
        (
            "198001012006042003",
            "Hj. Ayu Utami, S.Sos.",
            "Dinas Sosial",
        ),
        ("198703142014032002", "Siti Rahmawati", "Dinas Sosial"),
        ("199001052019032004", "Siti Rahma", "Dinas Kesehatan"),
        ("199105182020121005", "André Wijaya, S.T.", "Dinas Sosial"),
    ];
    for (nip, name, unit) in people {
        csv.push_str(&format!("{nip},\"{name}\",{unit},Staf\n"));
    }
    for i in 0..22 {
        let unit = ["Dinas Kesehatan", "Dinas Sosial"][i % 2];
        csv.push_str(&format!(
            "1995010120200310{i:02},Budi Santoso {i},{unit},Staf\n"
        ));
    }
    csv
}

fn explain(query: &str, extra: &[&str]) -> Run {
    let w = Workdir::new();
    w.write("staff.csv", staff());
    w.write("policy.toml", POLICY);
    let mut args = vec![
        "explain",
        "--policy",
        "policy.toml",
        "--staff",
        "staff.csv",
        query,
    ];
    args.extend(extra);
    w.roster(&args)
}

/// The first line of an explanation: `NIP — name`.
fn explained(query: &str) -> String {
    let run = explain(query, &[]);
    assert_eq!(run.code, 0, "{query}: {}", run.stderr);
    run.stdout.lines().next().unwrap_or_default().to_owned()
}

#[test]
fn explain_finds_a_person_by_name_whatever_the_titles_case_and_accents() {
    let novi = "197709072005052001 — Dra. Novi Purwanti, M.Si.";
    assert_eq!(explained("novi PURWANTI"), novi);
    assert_eq!(explained("Dra. Novi Purwanti, M.Si."), novi);
    assert_eq!(explained("Drs. Purwanti"), novi);
    assert_eq!(
        explained("ahmad syafei"),
        "197907082013032001 — dr. Ahmad Syafei, M.Kes."
    );
    assert_eq!(
        explained("Ayu"),
        "198001012006042003 — Hj. Ayu Utami, S.Sos."
    );
    // Accents either way.
    let andre = "199105182020121005 — André Wijaya, S.T.";
    assert_eq!(explained("andre wijaya"), andre);
    assert_eq!(explained("ANDRÉ"), andre);
    assert_eq!(
        explained("Sití Rahmawati"),
        "198703142014032002 — Siti Rahmawati"
    );
    // Whole words first: Siti Rahma is not also Siti Rahmawati; the beginning of a word
    // counts when no name has the word whole.
    assert_eq!(explained("siti rahma"), "199001052019032004 — Siti Rahma");
    assert_eq!(explained("Rahmaw"), "198703142014032002 — Siti Rahmawati");
    assert_eq!(explained("nov purw"), novi);
    // A NIP still works, as typed in a spreadsheet too.
    assert_eq!(
        explained("'199001052019032004"),
        "199001052019032004 — Siti Rahma"
    );
}

#[test]
fn explain_lists_the_people_a_name_matches() {
    let run = explain("siti", &[]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    insta::assert_snapshot!("explain_several_siti", run.stderr);
    let run = explain("siti", &["--lang", "id"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    insta::assert_snapshot!("explain_several_siti_id", run.stderr);
    // Twenty of them shown, the rest counted.
    let run = explain("BUDI", &[]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("\"BUDI\" matches 22 people in staff.csv; give the NIP of one:"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("Budi Santoso").count(),
        20,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("  ... and 2 more\n"), "{}", run.stderr);
}

#[test]
fn explain_names_nobody_and_offers_the_closest_names() {
    let run = explain("Purwnti", &[]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    insta::assert_snapshot!("explain_nobody_purwnti", run.stderr);
    let run = explain("Zulkarnain", &["--lang", "id"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    insta::assert_snapshot!("explain_nobody_id", run.stderr);
    // A NIP that is not in the file is still said to be one.
    let run = explain("199901012020011099", &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("NIP 199901012020011099 is not in staff.csv"),
        "{}",
        run.stderr
    );
}
