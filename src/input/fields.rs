//! Every column any input reads (staff, leave, requests, rosters), with every header
//! accepted for it: the one place to look when an export's header is not recognised.
//!
//! A field is found by, in order:
//! 1. an explicit mapping (`--column unit="SATUAN KERJA KERJA NAMA"`, or the policy's
//!    `[staff.columns]`; the command line wins over the policy, see [`explicit_columns`]);
//! 2. its name or one of its `aliases`: two such columns at once are refused, since taking
//!    either would silently drop the other;
//! 3. only when neither gave a column, the first of its `fallbacks` (SIASN's `… NAMA` forms,
//!    in priority order) that the header has. An export with `UNOR NAMA` and
//!    `SATUAN KERJA KERJA NAMA` takes its unit from `UNOR NAMA`, the work unit.
//!
//! No alias ends in ` id`: SIASN's `UNOR ID`, `JABATAN ID` and the like are never read.

use crate::error::{Error, Result};
use crate::facts::problems::{Given, Headers, Problem};
use crate::pattern::fold;

/// A column the reader looks for.
#[derive(Debug)]
pub struct Field {
    /// The canonical (lower-case) header.
    pub name: &'static str,
    /// Other accepted headers, lower-case; two of them at once are an error.
    pub aliases: &'static [&'static str],
    /// Headers taken only when neither the name nor an alias is there, the first found wins.
    pub fallbacks: &'static [&'static str],
    pub required: bool,
}

impl Field {
    /// Whether the column holds NIPs, which spreadsheets damage.
    pub fn is_nip(&self) -> bool {
        self.name == "nip"
    }

    /// Every header accepted, for messages.
    pub fn accepted(&self) -> Vec<&'static str> {
        self.aliases.iter().chain(self.fallbacks).copied().collect()
    }
}

const NIP: Field = Field {
    name: "nip",
    aliases: &["nip baru"],
    fallbacks: &[],
    required: true,
};

const UNIT_ALIASES: &[&str] = &["unit kerja", "opd", "satuan kerja", "unor"];
const UNIT_FALLBACKS: &[&str] = &[
    "unor nama",
    "unit kerja nama",
    "opd nama",
    "satuan kerja nama",
    "satuan kerja kerja nama",
];

const ROLE: Field = Field {
    name: "role",
    aliases: &["jabatan", "jabatan nama"],
    fallbacks: &["nama jabatan"],
    required: true,
};

const TEAM: Field = Field {
    name: "team",
    aliases: &["bidang", "sub unit", "subunit", "tim"],
    fallbacks: &["bidang nama", "sub unit nama", "subunit nama", "tim nama"],
    required: false,
};

/// The staff file (SPEC §3), in the order [`crate::staff`] indexes them.
pub const STAFF: &[Field] = &[
    NIP,
    Field {
        name: "name",
        aliases: &["nama"],
        fallbacks: &["nama lengkap"],
        required: true,
    },
    Field {
        name: "unit",
        aliases: UNIT_ALIASES,
        fallbacks: UNIT_FALLBACKS,
        required: true,
    },
    ROLE,
    TEAM,
    Field {
        name: "mode",
        aliases: &[],
        fallbacks: &[],
        required: false,
    },
    // SIASN splits the academic titles from the name: the name is shown with them.
    Field {
        name: "title_before",
        aliases: &["gelar depan"],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "title_after",
        aliases: &["gelar belakang"],
        fallbacks: &[],
        required: false,
    },
];

/// The leave file (SPEC §3).
pub const LEAVE: &[Field] = &[
    NIP,
    Field {
        name: "from",
        aliases: &["dari", "mulai", "tanggal mulai"],
        fallbacks: &[],
        required: true,
    },
    Field {
        name: "to",
        aliases: &["sampai", "selesai", "tanggal selesai"],
        fallbacks: &[],
        required: true,
    },
    Field {
        name: "type",
        aliases: &["jenis", "jenis cuti"],
        fallbacks: &[],
        required: false,
    },
];

/// The staff requests file (`--requests`, issue 12), in the order [`crate::requests`]
/// indexes them. Which of `date`, `from`/`to` and `weekday` a row needs is checked per row.
pub const REQUESTS: &[Field] = &[
    NIP,
    Field {
        name: "date",
        aliases: &["tanggal"],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "from",
        aliases: &["dari", "mulai", "tanggal mulai"],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "to",
        aliases: &["sampai", "selesai", "tanggal selesai"],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "weekday",
        aliases: &["hari"],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "wish",
        aliases: &["permintaan", "mode"],
        fallbacks: &[],
        required: true,
    },
    Field {
        name: "reason",
        aliases: &["alasan", "keterangan"],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "strength",
        aliases: &["sifat"],
        fallbacks: &[],
        required: false,
    },
];

/// A roster read back (long or wide form, CSV or workbook). None is required by the table:
/// which ones a roster needs depends on its shape.
pub const ROSTER: &[Field] = &[
    Field {
        required: false,
        ..NIP
    },
    Field {
        name: "name",
        aliases: &["nama"],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "unit",
        aliases: UNIT_ALIASES,
        fallbacks: UNIT_FALLBACKS,
        required: false,
    },
    Field {
        name: "group",
        aliases: &["grup", "shift"],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "rule",
        aliases: &["aturan"],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "date",
        aliases: &["tanggal"],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "mode",
        aliases: &[],
        fallbacks: &[],
        required: false,
    },
    Field {
        required: false,
        ..TEAM
    },
    Field {
        required: false,
        ..ROLE
    },
];

/// An attendance (presensi) export (`roster attendance`, issue 21), one row per person-day or
/// per check-in event, in the order [`crate::attendance::presensi`] indexes them. Only the
/// NIP and the date are required; which of status and times a row needs is checked per file.
pub const PRESENSI: &[Field] = &[
    NIP,
    Field {
        name: "date",
        aliases: &[
            "tanggal",
            "tgl",
            "tanggal presensi",
            "tanggal absen",
            "tanggal kehadiran",
            "tanggal masuk",
        ],
        fallbacks: &["hari tanggal", "hari/tanggal", "waktu masuk"],
        required: true,
    },
    Field {
        name: "check_in",
        aliases: &[
            "jam masuk",
            "check in",
            "checkin",
            "jam absen",
            "jam datang",
            "scan masuk",
            "absen masuk",
            "masuk",
        ],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "check_out",
        aliases: &[
            "jam pulang",
            "check out",
            "checkout",
            "scan pulang",
            "absen pulang",
            "pulang",
        ],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "time",
        aliases: &["jam", "waktu", "waktu absen", "waktu presensi"],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "event",
        aliases: &[
            "jenis",
            "tipe",
            "type",
            "jenis absen",
            "jenis presensi",
            "tipe absen",
        ],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "status",
        aliases: &[
            "status kehadiran",
            "kehadiran",
            "status presensi",
            "status absen",
            "keterangan kehadiran",
        ],
        fallbacks: &["keterangan", "ket"],
        required: false,
    },
    Field {
        name: "location",
        aliases: &[
            "lokasi",
            "lokasi masuk",
            "lokasi absen",
            "radius",
            "status lokasi",
            "kategori",
            "keterangan lokasi",
        ],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "wfh",
        aliases: &["flag wfh", "is wfh", "kerja dari rumah"],
        fallbacks: &[],
        required: false,
    },
    Field {
        name: "name",
        aliases: &["nama"],
        fallbacks: &["nama lengkap"],
        required: false,
    },
    Field {
        name: "unit",
        aliases: UNIT_ALIASES,
        fallbacks: UNIT_FALLBACKS,
        required: false,
    },
];

/// Parses `roster attendance --column FIELD="HEADER"`: a field of the attendance export.
pub fn parse_presensi_column(text: &str) -> Result<Column, Problem> {
    let (field, header) = text.split_once('=').ok_or_else(|| Problem::ColumnFlag {
        text: text.to_owned(),
    })?;
    let field = field.trim().to_lowercase();
    let header = header.trim().trim_matches('"').trim();
    if !PRESENSI.iter().any(|f| f.name == field) {
        let fields: Vec<&str> = PRESENSI.iter().map(|f| f.name).collect();
        return Err(Problem::PresensiUnknownField {
            field,
            fields: fields.join(", "),
        });
    }
    if header.is_empty() {
        return Err(Problem::ColumnEmptyHeader {
            text: text.to_owned(),
        });
    }
    Ok(Column {
        field,
        header: header.to_owned(),
    })
}

/// A field mapped to a header by hand: `unit` ← `SATUAN KERJA KERJA NAMA`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub field: String,
    pub header: String,
}

/// Parses `--column FIELD="HEADER"` (the shell has taken the quotes off).
pub fn parse_column(text: &str) -> Result<Column, Problem> {
    let (field, header) = text.split_once('=').ok_or_else(|| Problem::ColumnFlag {
        text: text.to_owned(),
    })?;
    let field = field.trim().to_lowercase();
    let header = header.trim().trim_matches('"').trim();
    if !STAFF.iter().any(|f| f.name == field) {
        return Err(Problem::ColumnUnknownField {
            field,
            fields: field_names(),
        });
    }
    if header.is_empty() {
        return Err(Problem::ColumnEmptyHeader {
            text: text.to_owned(),
        });
    }
    Ok(Column {
        field,
        header: header.to_owned(),
    })
}

/// The staff fields, for messages.
pub fn field_names() -> String {
    STAFF.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
}

/// The staff file's explicit columns: the command line's, then the policy's for fields the
/// command line does not map. This is the only place that decides the precedence.
pub fn explicit_columns(command_line: &[Column], policy: &[Column]) -> Vec<Column> {
    let mut columns = command_line.to_vec();
    for column in policy {
        if !columns.iter().any(|c| c.field == column.field) {
            columns.push(column.clone());
        }
    }
    columns
}

/// For each of `fields`, the column of `headers` that holds it (see the module's rules).
/// `error` turns a message into an error about the header row.
pub fn map_columns(
    headers: &[String],
    fields: &[Field],
    explicit: &[Column],
    error: &dyn Fn(Problem) -> Error,
) -> Result<Vec<Option<usize>>> {
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let mut columns = vec![None; fields.len()];
    let mut taken = vec![false; headers.len()];
    for column in explicit {
        let Some(f) = fields.iter().position(|f| f.name == column.field) else {
            continue;
        };
        let key = fold(&column.header);
        let Some(col) = folded.iter().position(|h| *h == key) else {
            return Err(error(Problem::ColumnNotFound {
                header: column.header.clone(),
                field: column.field.clone(),
                headers: header_list(headers),
            }));
        };
        columns[f] = Some(col);
        taken[col] = true;
    }
    for (col, key) in folded.iter().enumerate() {
        if taken[col] {
            continue;
        }
        let Some(f) = fields.iter().position(|f| {
            (f.name == key || f.aliases.contains(&key.as_str()))
                && !explicit.iter().any(|c| c.field == f.name)
        }) else {
            continue;
        };
        if let Some(previous) = columns[f] {
            return Err(error(duplicate_message(
                headers,
                previous,
                col,
                Given::Field(fields[f].name.to_owned()),
            )));
        }
        columns[f] = Some(col);
        taken[col] = true;
    }
    for (f, field) in fields.iter().enumerate() {
        if columns[f].is_some() {
            continue;
        }
        columns[f] = field.fallbacks.iter().find_map(|fallback| {
            (0..headers.len()).find(|&col| !taken[col] && folded[col] == *fallback)
        });
        if let Some(col) = columns[f] {
            taken[col] = true;
        }
    }
    for (field, column) in fields.iter().zip(&columns) {
        if field.required && column.is_none() {
            let accepted = field.accepted();
            let accepted = (!accepted.is_empty()).then(|| {
                Box::new(Problem::AlsoAccepted {
                    names: accepted.join(", "),
                })
            });
            return Err(error(Problem::MissingColumn {
                field: field.name.to_owned(),
                accepted,
                headers: header_list(headers),
            }));
        }
    }
    Ok(columns)
}

/// Two header columns that give the same field (`what`).
pub fn duplicate_message(headers: &[String], first: usize, second: usize, what: Given) -> Problem {
    Problem::DuplicateColumn {
        first: headers[first].clone(),
        first_at: first + 1,
        second: headers[second].clone(),
        second_at: second + 1,
        field: what,
    }
}

/// The headers found, for a message: at most a screenful (40 headers, 600 characters, each
/// header cut at 80), then how many more there are, so that a file with 200,000 columns
/// gives an error line, not megabytes.
pub fn header_list(headers: &[String]) -> Headers {
    const MOST: usize = 40;
    const CHARS: usize = 600;
    const ONE: usize = 80;
    let mut text = String::new();
    let mut shown = 0;
    for header in headers.iter().take(MOST) {
        let cut: String = if header.chars().count() > ONE {
            header.chars().take(ONE).chain(['…']).collect()
        } else {
            header.clone()
        };
        if shown > 0 && text.chars().count() + cut.chars().count() > CHARS {
            break;
        }
        if shown > 0 {
            text.push_str(", ");
        }
        text.push_str(&cut);
        shown += 1;
    }
    Headers {
        shown: text,
        more: (shown < headers.len()).then(|| {
            Box::new(Problem::HeadersMore {
                n: headers.len() - shown,
                total: headers.len(),
            })
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(header: &str, explicit: &[Column]) -> Result<Vec<Option<usize>>> {
        let headers: Vec<String> = header.split(',').map(str::to_owned).collect();
        map_columns(&headers, STAFF, explicit, &|m| {
            Error::input("s", Some(1), m)
        })
    }

    #[test]
    fn siasn_names_and_priority() {
        let got = map(
            "PNS ID,NIP BARU,NAMA,JABATAN ID,JABATAN NAMA,UNOR ID,UNOR NAMA,SATUAN KERJA KERJA NAMA",
            &[],
        )
        .unwrap();
        assert_eq!(&got[..4], &[Some(1), Some(2), Some(6), Some(4)]);
    }

    #[test]
    fn explicit_mapping_wins_and_names_missing_headers() {
        let unit = parse_column("unit=\"SATUAN KERJA KERJA NAMA\"").unwrap();
        let got = map(
            "NIP,Nama,Unit Kerja,Jabatan,SATUAN KERJA KERJA NAMA",
            &[unit],
        )
        .unwrap();
        assert_eq!(got[2], Some(4));
        let e = map("NIP,Nama,Jabatan", &[parse_column("unit=Kantor").unwrap()])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("no column `Kantor` (mapped to `unit`); the header has: NIP, Nama, Jabatan"),
            "{e}"
        );
        assert!(matches!(
            parse_column("kantor=X").unwrap_err(),
            Problem::ColumnUnknownField { field, .. } if field == "kantor"
        ));
    }

    #[test]
    fn the_command_line_wins_over_the_policy() {
        let cli = [parse_column("unit=A").unwrap()];
        let policy = [
            parse_column("unit=B").unwrap(),
            parse_column("role=C").unwrap(),
        ];
        let got = explicit_columns(&cli, &policy);
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].header.as_str(), got[1].header.as_str()), ("A", "C"));
    }
}
