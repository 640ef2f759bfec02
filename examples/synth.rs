//! A deterministic, realistic staff file for benchmarks and scale tests.
//!
//! ```sh
//! cargo run --release --example synth -- --staff 100000 --seed 1 > staff-100k.csv
//! ```
//!
//! The same `--staff` and `--seed` give the same bytes. Units range from 1 to 2,000 people
//! (schools and kelurahan small, RSUD and dinas large); most have bidang (teams); roles include
//! the ones policies exempt (bendahara, pengawas, PPTK, pimpinan kegiatan); NIPs have the real
//! 18-digit structure: birth date, TMT CPNS year and month, gender, sequence.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;
use std::io::{BufWriter, Write};

const FIRST: [&str; 40] = [
    "Agus", "Budi", "Siti", "Dewi", "Andi", "Rina", "Hendra", "Yuni", "Joko", "Sri", "Wahyu",
    "Lestari", "Rizky", "Nur", "Fajar", "Putri", "Bambang", "Ayu", "Dedi", "Maya", "Eko", "Indah",
    "Teguh", "Ratna", "Asep", "Euis", "Ujang", "Neneng", "Made", "Ketut", "Ahmad", "Fitri", "Rudi",
    "Wulan", "Iwan", "Sari", "Taufik", "Dian", "Hotma", "Roy",
];
const LAST: [&str; 32] = [
    "Saputra",
    "Rahmawati",
    "Hartono",
    "Lestari",
    "Pratama",
    "Wijaya",
    "Setiawan",
    "Gunawan",
    "Nugroho",
    "Kusuma",
    "Hidayat",
    "Santoso",
    "Suryani",
    "Permana",
    "Purnama",
    "Sitompul",
    "Siregar",
    "Nasution",
    "Simanjuntak",
    "Wibowo",
    "Kurniawan",
    "Susanti",
    "Rosita",
    "Sukmawati",
    "Hasibuan",
    "Syahputra",
    "Firmansyah",
    "Maulana",
    "Handayani",
    "Anggraini",
    "Suharto",
    "Pangaribuan",
];
const TITLES: [&str; 6] = ["", "", ", S.Kom.", ", S.E.", ", S.Pd.", ", M.Si."];
const PLACES: [&str; 16] = [
    "Utara",
    "Selatan",
    "Timur",
    "Barat",
    "Tengah",
    "Sukamaju",
    "Mekarsari",
    "Cibeunying",
    "Sukajadi",
    "Ciputat",
    "Pamulang",
    "Serpong",
    "Kebayoran",
    "Cilandak",
    "Tanah Abang",
    "Menteng",
];
const TEAMS: [&str; 8] = [
    "Sekretariat",
    "Bidang Perencanaan",
    "Bidang Pelayanan",
    "Bidang Pengembangan",
    "Bidang Pengendalian",
    "Bidang Informasi",
    "Bidang Keuangan",
    "Bidang Umum",
];
const ROLES: [(&str, u32); 14] = [
    ("Pengadministrasi Umum", 30),
    ("Analis Kebijakan", 12),
    ("Perencana Ahli Muda", 6),
    ("Pranata Komputer", 6),
    ("Analis Kepegawaian", 6),
    ("Pengelola Keuangan", 6),
    ("Statistisi", 3),
    ("Kepala Seksi", 8),
    ("Kepala Sub Bagian", 5),
    ("Bendahara Pengeluaran", 3),
    ("Bendahara Pengeluaran Pembantu", 2),
    ("Pengawas", 2),
    ("Pejabat Pelaksana Teknis Kegiatan (PPTK)", 3),
    ("Pimpinan Kegiatan", 2),
];

struct Unit {
    name: String,
    size: usize,
    teams: usize,
}

/// Unit kinds: (name pattern, smallest, largest, bidang count).
const KINDS: [(&str, usize, usize, usize); 9] = [
    ("SD Negeri {n} {place}", 1, 40, 0),
    ("SMP Negeri {n} {place}", 10, 70, 0),
    ("Kelurahan {place} {n}", 3, 25, 0),
    ("Kecamatan {place} {n}", 10, 60, 3),
    ("Puskesmas {place} {n}", 10, 80, 2),
    ("RSUD {place} {n}", 200, 2000, 6),
    ("Dinas {n} {place}", 30, 600, 5),
    ("Badan {n} {place}", 20, 300, 4),
    ("Sekretariat Daerah {place} {n}", 50, 400, 6),
];

fn units(rng: &mut ChaCha8Rng, staff: usize) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut left = staff;
    let mut counter = 0usize;
    while left > 0 {
        counter += 1;
        // Many small units, few large ones.
        let kind = KINDS[match rng.random_range(0..100) {
            0..=39 => 0,
            40..=51 => 1,
            52..=63 => 2,
            64..=71 => 3,
            72..=81 => 4,
            82..=83 => 5,
            84..=93 => 6,
            94..=98 => 7,
            _ => 8,
        }];
        let size = rng.random_range(kind.1..=kind.2).min(left);
        let place = PLACES[rng.random_range(0..PLACES.len())];
        let name = kind
            .0
            .replace("{n}", &counter.to_string())
            .replace("{place}", place);
        out.push(Unit {
            name,
            size,
            teams: kind.3,
        });
        left -= size;
    }
    out
}

fn role(rng: &mut ChaCha8Rng) -> &'static str {
    let total: u32 = ROLES.iter().map(|r| r.1).sum();
    let mut pick = rng.random_range(0..total);
    for (name, weight) in ROLES {
        if pick < weight {
            return name;
        }
        pick -= weight;
    }
    ROLES[0].0
}

fn main() {
    let mut staff = 10_000usize;
    let mut seed = 1u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let number = |v: Option<String>| v.and_then(|v| v.replace('_', "").parse::<u64>().ok());
        match (arg.as_str(), number(value)) {
            ("--staff", Some(n)) => staff = n as usize,
            ("--seed", Some(s)) => seed = s,
            _ => {
                eprintln!("usage: synth --staff N --seed S > staff.csv");
                std::process::exit(2);
            }
        }
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let units = units(&mut rng, staff);
    let mut sequence: HashMap<u64, u16> = HashMap::new();
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut write = || -> std::io::Result<()> {
        writeln!(out, "NIP,Nama,Unit Kerja,Jabatan,Bidang")?;
        for unit in &units {
            for _ in 0..unit.size {
                let (year, month, day) = (
                    rng.random_range(1965..=1999),
                    rng.random_range(1..=12),
                    rng.random_range(1..=28),
                );
                let tmt_year = (year + rng.random_range(22..=35)).min(2024);
                let tmt_month = rng.random_range(1..=12);
                let gender = rng.random_range(1..=2u8);
                let key = ((year * 10_000 + month * 100 + day) as u64) * 1_000_000
                    + (tmt_year * 100 + tmt_month) as u64 * 10
                    + u64::from(gender);
                let seq = sequence.entry(key).or_insert(0);
                *seq += 1;
                let first = FIRST[rng.random_range(0..FIRST.len())];
                let last = LAST[rng.random_range(0..LAST.len())];
                let title = TITLES[rng.random_range(0..TITLES.len())];
                let team = if unit.teams == 0 || rng.random_bool(0.15) {
                    ""
                } else {
                    TEAMS[rng.random_range(0..unit.teams)]
                };
                let name = format!("{first} {last}{title}");
                let quoted = if name.contains(',') {
                    format!("\"{name}\"")
                } else {
                    name
                };
                writeln!(
                    out,
                    "{year}{month:02}{day:02}{tmt_year}{tmt_month:02}{gender}{seq:03},{quoted},{},{},{team}",
                    unit.name,
                    role(&mut rng),
                )?;
            }
        }
        out.flush()
    };
    if let Err(e) = write()
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("synth: {e}");
        std::process::exit(1);
    }
}
