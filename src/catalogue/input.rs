//! The words of an input file's problems ([`Problem`]).

use crate::catalogue::Render;
use crate::facts::problems::{Given, Headers, Problem};
use crate::lang::Lang;

crate::catalogue! {
    Problem, PROBLEMS;
    Reader { text } => "{text}", "{text}";
    PresensiUnknownField { field, fields } =>
        "unknown field `{field}`: expected one of {fields}",
        "kolom `{field}` tidak dikenal: gunakan salah satu dari {fields}";
    Attendance { problem } => "{problem}", "{problem}";
    Request { problem } => "{problem}", "{problem}";
    EmptyFile {} =>
        "the file is empty: expected a header row and one row per person",
        "berkas kosong: seharusnya berisi satu baris judul kolom dan satu baris per pegawai";
    EmptySheet {} =>
        "the sheet is empty: expected a header row and one row per person",
        "lembar kerja kosong: seharusnya berisi satu baris judul kolom dan satu baris per pegawai";
    Utf16 {} =>
        "the file is UTF-16 (or binary), not UTF-8 text: save it as \"CSV UTF-8 (Comma delimited)\"",
        "berkas ini UTF-16 (atau biner), bukan teks UTF-8: simpan sebagai \"CSV UTF-8 (Comma delimited)\"";
    BadWorkbook { why } =>
        "this looks like an Excel workbook (a ZIP or OLE file) but cannot be read as one ({why}): open it in Excel or LibreOffice and save it again as .xlsx, or Save As \"CSV UTF-8 (Comma delimited)\"",
        "berkas ini tampak seperti buku kerja Excel (berkas ZIP atau OLE), tetapi tidak dapat dibaca (keterangan teknis: {why}): buka di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx, atau pilih Save As \"CSV UTF-8 (Comma delimited)\"";
    NoSuchSheet { sheet, sheets } =>
        "no sheet `{sheet}` (--sheet); the workbook has: {sheets}",
        "tidak ada lembar kerja `{sheet}` (--sheet); lembar kerja yang ada: {sheets}";
    NoSheet {} =>
        "the workbook has no sheet",
        "buku kerja ini tidak memiliki lembar kerja";
    UnreadableSheet { sheet, why } =>
        "cannot read sheet `{sheet}`: {why}",
        "lembar kerja `{sheet}` tidak dapat dibaca (keterangan teknis: {why})";
    RaggedRow { cells, headers } =>
        "this row has {cells} cells but the header has {headers}; every row needs one cell per header column",
        "baris ini berisi {cells} sel, padahal judul kolom berisi {headers}; setiap baris harus memiliki satu sel untuk setiap kolom";
    RaggedQuote { cells, headers } =>
        "this row has {cells} cells but the header has {headers}: a cell runs over several lines, so a quote (\") on this line is probably unbalanced",
        "baris ini berisi {cells} sel, padahal judul kolom berisi {headers}: ada sel yang berlanjut ke beberapa baris, jadi tanda kutip (\") di baris ini kemungkinan tidak berpasangan";
    CellsDiffer { cells, headers } =>
        "this row has {cells} cells but the header has {headers}",
        "baris ini berisi {cells} sel, padahal judul kolom berisi {headers}";
    HugeCell { bytes } =>
        "a cell of {bytes} bytes, more than the 64 KiB any NIP, name or unit needs; if a quote (\") on this line is never closed, it made one cell of the rest of the file",
        "ada sel sebesar {bytes} byte, jauh melebihi 64 KiB yang cukup untuk NIP, nama, atau unit kerja; jika tanda kutip (\") di baris ini tidak ditutup, seluruh sisa berkas terbaca sebagai satu sel";
    NulByte {} =>
        "a NUL byte: this is not a text CSV file (a spreadsheet or a UTF-16 file saved as .csv?); save it as \"CSV UTF-8\"",
        "ada byte NUL: ini bukan berkas teks CSV (lembar kerja atau berkas UTF-16 yang disimpan sebagai .csv?); simpan sebagai \"CSV UTF-8\"";
    CellNotUtf8 { cell } =>
        "cell {cell} is not valid UTF-8: the file is probably Windows-1252, what Excel's \"CSV (Comma delimited)\" writes; save it as \"CSV UTF-8 (Comma delimited)\" instead",
        "sel ke-{cell} bukan teks UTF-8 yang sah: berkas ini kemungkinan Windows-1252, hasil \"CSV (Comma delimited)\" dari Excel; simpan sebagai \"CSV UTF-8 (Comma delimited)\"";
    EmptyNip {} =>
        "empty NIP",
        "NIP kosong";
    EmptyName {} =>
        "empty name",
        "nama kosong";
    EmptyUnit {} =>
        "empty unit",
        "unit kerja kosong";
    NoPerson {} =>
        "the file has a header but no person: expected one row per person",
        "berkas hanya berisi judul kolom tanpa pegawai: seharusnya ada satu baris per pegawai";
    StaffModeLeave {} =>
        "mode LEAVE is not allowed in the staff file: list leave in the leave file (--leave)",
        "mode LEAVE tidak boleh ada di berkas pegawai: catat cuti di berkas cuti (--leave)";
    StaffUnknownMode { mode } =>
        "unknown mode `{mode}`: expected WFO, WFH, WFA or FIELD, or empty for a rotating person",
        "mode `{mode}` tidak dikenal: isi WFO, WFH, WFA atau FIELD, atau kosongkan untuk pegawai yang bergilir";
    UnknownMode { mode } =>
        "unknown mode `{mode}`: expected one of WFO, WFH, WFA, FIELD, LEAVE",
        "mode `{mode}` tidak dikenal: pilihannya WFO, WFH, WFA, FIELD atau LEAVE";
    DuplicateNip { nip, line } =>
        "duplicate NIP {nip}: also on line {line}",
        "NIP {nip} ganda: juga ada di baris {line}";
    NipScientific { cell, fix } =>
        "this NIP was turned into a number by a spreadsheet and lost its last digits: {cell}. {fix}",
        "NIP ini diubah menjadi angka oleh aplikasi lembar kerja sehingga digit terakhirnya hilang: {cell}. {fix}";
    NipTruncated { nip, why, fix } =>
        "NIP {nip} lost its last three digits to a spreadsheet ({why}). {fix}",
        "tiga digit terakhir NIP {nip} hilang karena aplikasi lembar kerja ({why}). {fix}";
    NipAllEndIn000 {} =>
        "every 18-digit NIP of the file ends in 000, which no real NIP does",
        "semua NIP 18 digit di berkas ini berakhir 000, padahal tidak ada NIP asli yang demikian";
    NipSameAsLine { line } =>
        "it ends in 000, and line {line} has the same NIP",
        "NIP ini berakhir 000, dan baris {line} memuat NIP yang sama";
    NipLikeStaff { like } =>
        "it ends in 000, is not in the staff file, and the staff file's {like} has the same first 15 digits",
        "NIP ini berakhir 000, tidak ada di berkas pegawai, dan NIP {like} di berkas pegawai memiliki 15 digit awal yang sama";
    NipNumberCell { value } =>
        "this NIP is stored as a number ({value}), and a spreadsheet number keeps only 15 digits, so its last digits are already lost: export the file again with the NIP column as text (from SIASN, or the workbook it came from, with that column formatted as Text before the NIPs are entered): the lost digits cannot be recovered from this file",
        "NIP ini tersimpan sebagai angka ({value}), dan angka di lembar kerja hanya menyimpan 15 digit, sehingga digit terakhirnya sudah hilang: ekspor ulang berkasnya dengan kolom NIP sebagai teks (dari SIASN, atau dari buku kerja asalnya dengan kolom itu diformat sebagai Text sebelum NIP diisi): digit yang hilang tidak dapat dipulihkan dari berkas ini";
    NipFix {} =>
        "Every NIP of the file is suspect: read the workbook (.xlsx) itself instead of a CSV a spreadsheet saved, or import the NIP column as Text when you open the CSV (Excel: Data > From Text/CSV, column type Text; LibreOffice: column type Text in the import dialog) and save it again",
        "Semua NIP di berkas ini patut diragukan: baca buku kerja (.xlsx) aslinya, bukan CSV yang disimpan aplikasi lembar kerja, atau impor kolom NIP sebagai Text saat membuka CSV (Excel: Data > From Text/CSV, jenis kolom Text; LibreOffice: jenis kolom Text di dialog impor) lalu simpan ulang";
    NipNotInStaff { nip } =>
        "NIP {nip} is not in the staff file",
        "NIP {nip} tidak ada di berkas pegawai";
    NotADate { column, value } =>
        "`{column}` is `{value}`: expected a date written 2025-03-24, 24/03/2025 or 24-03-2025 (year-month-day, or day-month-year as SIASN writes it)",
        "`{column}` tertulis `{value}`: seharusnya tanggal yang ditulis 2025-03-24, 24/03/2025, atau 24-03-2025 (tahun-bulan-tanggal, atau tanggal-bulan-tahun seperti tulisan SIASN)";
    ToBeforeFrom { to, from } =>
        "`to` ({to}) is before `from` ({from})",
        "`to` ({to}) lebih awal dari `from` ({from})";
    RosterNoColumn { column, headers } =>
        "no `{column}` column: expected a long roster (date,nip,name,unit,team,role,mode,group,rule) or a wide one (nip,name,unit,... and one column per date); the header has: {headers}",
        "tidak ada kolom `{column}`: seharusnya jadwal panjang (date,nip,name,unit,team,role,mode,group,rule) atau jadwal lebar (nip,name,unit,... dan satu kolom per tanggal); judul kolom yang ada: {headers}";
    RosterDate { value } =>
        "date `{value}`: expected 2025-03-24 or 24/03/2025",
        "tanggal `{value}`: seharusnya ditulis 2025-03-24 atau 24/03/2025";
    DayColumn { header, why } =>
        "day column `{header}`: {why}",
        "kolom hari `{header}`: {why}";
    DayNoYear {} =>
        "the header has no year, so it cannot be dated without the policy: give --policy, whose period dates it",
        "judul kolom ini tidak memuat tahun, jadi tanggalnya tidak dapat ditentukan tanpa kebijakan: berikan --policy, yang periodenya menentukan tahunnya";
    DayOutside { start, end } =>
        "no date of the policy's period ({start} to {end}) has this day",
        "tidak ada tanggal dalam periode kebijakan ({start} sampai {end}) yang cocok dengan tanggal dan bulan ini";
    DayWeekdayOutside { start, end } =>
        "no date of the policy's period ({start} to {end}) has this day and weekday",
        "tidak ada tanggal dalam periode kebijakan ({start} sampai {end}) yang cocok dengan tanggal, bulan, dan nama hari ini";
    DayTwoYears { start, end } =>
        "the policy's period ({start} to {end}) has this day in more than one year: write the header as an ISO date (2025-03-24)",
        "tanggal dan bulan ini muncul di lebih dari satu tahun dalam periode kebijakan ({start} sampai {end}): tulis judul kolom sebagai tanggal lengkap (2025-03-24)";
    DayNotBefore { end } =>
        "no date before {end} has this day and weekday",
        "tidak ada tanggal sebelum {end} yang cocok dengan tanggal, bulan, dan nama hari ini";
    ColumnNotFound { header, field, headers } =>
        "no column `{header}` (mapped to `{field}`); the header has: {headers}",
        "tidak ada kolom `{header}` (dipetakan ke `{field}`); judul kolom yang ada: {headers}";
    MissingColumn { field, accepted, headers } =>
        "missing required column `{field}`{accepted}; the header has: {headers}; name the column with --column {field}=\"HEADER\" or [staff.columns] in the policy",
        "kolom wajib `{field}`{accepted} tidak ada; judul kolom yang ada: {headers}; sebutkan kolomnya dengan `--column {field}=\"JUDUL KOLOM\"` atau [staff.columns] di kebijakan";
    AlsoAccepted { names } =>
        " (or {names})",
        " (atau {names})";
    DuplicateColumn { first, first_at, second, second_at, field } =>
        "columns `{first}` (column {first_at}) and `{second}` (column {second_at}) both give `{field}`: keep one of them",
        "kolom `{first}` (kolom ke-{first_at}) dan `{second}` (kolom ke-{second_at}) sama-sama berisi `{field}`: pertahankan salah satunya saja";
    ColumnFlag { text } =>
        "`{text}`: expected FIELD=\"HEADER\", like unit=\"UNOR NAMA\"",
        "`{text}`: seharusnya FIELD=\"JUDUL KOLOM\", misalnya unit=\"UNOR NAMA\"";
    ColumnUnknownField { field, fields } =>
        "unknown field `{field}`: expected one of {fields}",
        "`{field}` tidak dikenal: pilihannya {fields}";
    ColumnEmptyHeader { text } =>
        "`{text}`: the header is empty",
        "`{text}`: judul kolomnya kosong";
    PublishedDuplicate { nip, date, first } =>
        "NIP {nip} has a second row for {date} (the first is {first}): a published roster has one row per person and day; remove the repeat, and give each file to --published once",
        "NIP {nip} memiliki baris kedua untuk {date} (yang pertama {first}): jadwal yang diterbitkan memuat satu baris per pegawai per hari; hapus pengulangannya, dan berikan setiap berkas ke --published sekali saja";
    PublishedOutside { date, start, end } =>
        "{date} is outside the policy's period {start}..{end}: this roster was planned under another policy or period; re-plan it with its own policy",
        "{date} berada di luar periode kebijakan {start} sampai {end}: jadwal ini direncanakan dengan kebijakan atau periode lain; rencanakan ulang dengan kebijakannya sendiri";
    SheetTooSparse { sheet, rows, columns, cells, last, max } =>
        "sheet `{sheet}` spans {rows} rows × {columns} columns for only {cells} filled cells (its last cell is {last}): more than roster reads ({max} cells, or 8 per filled cell); delete the stray cells far from the table, or copy the table into a new sheet",
        "lembar `{sheet}` membentang {rows} baris × {columns} kolom untuk hanya {cells} sel berisi (sel terakhirnya {last}): melebihi yang dibaca roster ({max} sel, atau 8 per sel berisi); hapus sel-sel nyasar yang jauh dari tabel, atau salin tabelnya ke lembar baru";
    SharedStringsDamaged { count, most } =>
        "the workbook says it holds {count} texts but its text part has room for at most {most}: it is damaged or was made to exhaust memory; open it in Excel or LibreOffice and save it again",
        "buku kerja ini menyatakan memuat {count} teks, padahal bagian teksnya hanya cukup untuk paling banyak {most}: berkasnya rusak atau sengaja dibuat untuk menghabiskan memori; buka di Excel atau LibreOffice lalu simpan ulang";
    ErrorCell { value } =>
        "the cell holds the spreadsheet error {value} (a formula that failed, or a value pasted from one): correct it in the workbook, or type the value itself",
        "sel ini berisi galat lembar kerja {value} (rumus yang gagal, atau nilai yang ditempel dari rumus seperti itu): perbaiki di buku kerja, atau ketik nilainya langsung";
    UnclosedQuote {} =>
        "a cell that starts on this line with a quote (\") runs on past 64 KiB: the quote is probably never closed; close it, or remove it",
        "sel yang dimulai dengan tanda kutip (\") di baris ini berlanjut melewati 64 KiB: tanda kutipnya kemungkinan tidak pernah ditutup; tutup atau hapus tanda kutip itu";
    CellOverLimit {} =>
        "a cell of more than 64 KiB (65,536 bytes), more than any NIP, name or unit needs; if a quote (\") on this line is never closed, it made one cell of the rest of the file",
        "ada sel lebih dari 64 KiB (65.536 byte), jauh melebihi yang cukup untuk NIP, nama, atau unit kerja; jika tanda kutip (\") di baris ini tidak ditutup, seluruh sisa berkas terbaca sebagai satu sel";
    XlsTooSparse { span, cells, max } =>
        "the sheets of this .xls workbook declare or fill a used range of {span} cells for only {cells} filled ones: more than roster reads ({max} cells, or 8 per filled cell), and usually a damaged file; open it in Excel or LibreOffice and save it again as .xlsx",
        "lembar-lembar buku kerja .xls ini menyatakan atau mengisi rentang terpakai {span} sel untuk hanya {cells} sel berisi: melebihi yang dibaca roster ({max} sel, atau 8 per sel berisi), dan biasanya tanda berkas rusak; buka di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx";
    OdsTooSparse { span, cells, max } =>
        "a sheet of this .ods workbook repeats its filled rows and columns into {span} cells for only {cells} written ones: more than roster reads ({max} cells, or 8 per written cell); open it in LibreOffice and save it again, or remove the repeated rows",
        "salah satu lembar buku kerja .ods ini mengulang baris dan kolom berisinya menjadi {span} sel untuk hanya {cells} sel yang ditulis: melebihi yang dibaca roster ({max} sel, atau 8 per sel yang ditulis); buka di LibreOffice lalu simpan ulang, atau hapus baris-baris yang diulang";
    HeadersMore { n, total } =>
        "… and {n} more ({total} in all)",
        "… dan {n} lainnya ({total} seluruhnya)";
    PasswordProtected {} =>
        "the workbook is password-protected (encrypted), so it cannot be read: open it in Excel or LibreOffice, remove the password (Excel: File > Info > Protect Workbook > Encrypt with Password, and clear it) and save it again, or save the sheet as \"CSV UTF-8\"",
        "buku kerja ini dilindungi kata sandi (terenkripsi), sehingga tidak dapat dibaca: buka di Excel atau LibreOffice, hapus kata sandinya, lalu simpan ulang, atau simpan lembarnya sebagai \"CSV UTF-8\"";
    EmptyZip {} =>
        "this is an empty ZIP archive, not a workbook or a CSV file: export the data again",
        "berkas ini arsip ZIP kosong, bukan buku kerja atau berkas CSV: ekspor ulang datanya";
}

/// The headers shown, then `… and 12 more (52 in all)`.
impl Render for Headers {
    fn render(&self, lang: Lang) -> String {
        match &self.more {
            Some(more) => format!("{}, {}", self.shown, more.render(lang)),
            None => self.shown.clone(),
        }
    }
}

/// A field by its name, a day as people read it.
impl Render for Given {
    fn render(&self, lang: Lang) -> String {
        match self {
            Given::Field(name) => name.clone(),
            Given::Day(date) => lang.date(*date),
        }
    }
}
