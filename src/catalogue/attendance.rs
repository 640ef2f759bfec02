//! The words of an attendance export's problems (`roster attendance`).

use crate::facts::attendance::AttendanceProblem;

catalogue! {
    AttendanceProblem, ATTENDANCE_PROBLEMS;
    UnknownStatus { value, known } =>
        "unknown attendance status `{value}`: expected one of {known} (or leave the cell empty and give the check-in time)",
        "status kehadiran `{value}` tidak dikenal: gunakan salah satu dari {known} (atau kosongkan sel dan isi jam masuk)";
    BadDate { value } =>
        "`{value}` is not a date: write 2025-03-24, 24/03/2025 or 24-03-2025",
        "`{value}` bukan tanggal: tulis 2025-03-24, 24/03/2025 atau 24-03-2025";
    BadTime { value } =>
        "`{value}` is not a time of day: write 07:12, 07.12 or 07:12:30",
        "`{value}` bukan jam: tulis 07:12, 07.12 atau 07:12:30";
    UnknownEvent { value } =>
        "unknown check-in type `{value}`: expected MASUK (in) or PULANG (out)",
        "jenis presensi `{value}` tidak dikenal: gunakan MASUK atau PULANG";
    UnknownWfh { value } =>
        "`{value}` in the WFH column: expected Ya or Tidak (Y/N, 1/0, WFH/WFO)",
        "`{value}` di kolom WFH: gunakan Ya atau Tidak (Y/N, 1/0, WFH/WFO)";
    EmptyFolder { path } =>
        "{path} holds no .csv, .xlsx or .ods file",
        "{path} tidak berisi berkas .csv, .xlsx atau .ods";
    RosterUnknownNip { nip } =>
        "NIP `{nip}` of the roster is not in the staff file: give the staff file the roster was planned from",
        "NIP `{nip}` dari jadwal tidak ada di berkas pegawai: berikan berkas pegawai yang dipakai saat jadwal disusun";
    NothingObserved { headers } =>
        "neither a status nor a check-in time column among {headers}: name one with `--column status=HEADER` or `--column check_in=HEADER`",
        "tidak ada kolom status maupun jam masuk di antara {headers}: sebutkan salah satunya dengan `--column status=JUDUL` atau `--column check_in=JUDUL`";
    BadWeek { value } =>
        "`{value}` is not an ISO week: write 2025-W13",
        "`{value}` bukan minggu ISO: tulis 2025-W13";
    BadMonth { value } =>
        "`{value}` is not a month: write 2025-03",
        "`{value}` bukan bulan: tulis 2025-03";
}
