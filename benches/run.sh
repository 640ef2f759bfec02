#!/usr/bin/env bash
# Measures `roster plan` at the sizes of the README's table and prints its rows; then
# `check`, `report --by person`, `plan --previous`, `plan --xlsx`, a re-plan against the
# published roster, `plan --requests`, `plan --pdf '{unit}.pdf'` (a PDF per unit) and
# `plan --html` (and the time headless Chromium takes to open that page) on a province
# (60,000 staff) over a quarter, next to a plain plan of the same; and `attendance` on the
# province's month (one check-in row per person-day from `examples/presensi`) next to
# planning that month.
#
#   benches/run.sh [WORKDIR]        # default WORKDIR: /tmp/roster-bench (needs ~25 GB free)
#   benches/run.sh WORKDIR province # only the province runs
#   benches/run.sh WORKDIR large    # only the 200 units of 300 people (window repair)
#   benches/run.sh WORKDIR attendance # only the province's month of attendance
#
# For each size: a staff file from `examples/synth` (seed 1), one timed run of the release
# binary under /usr/bin/time (wall time, peak RSS), and the I/O floor: the median of three
# copies of the file the run wrote with `dd bs=1M conv=fsync` (the same bytes written and
# flushed to disk; the run's own output is not synced, so this floor is the stricter one),
# and the run's exit code (0: every guarantee met; 3:
# some unmet). It measures; it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/roster-bench}
mkdir -p "$work"
cargo build --release --quiet
cargo build --release --quiet --example synth
cargo build --release --quiet --example presensi
bin=target/release/roster

median() { sort -n | sed -n 2p; }

floor() { # the median time of three copies of $1, each flushed to disk
  for _ in 1 2 3; do
    rm -f "$work/copy"
    /usr/bin/time -f %e dd if="$1" of="$work/copy" bs=1M conv=fsync status=none 2>&1 >/dev/null
  done | median
  rm -f "$work/copy"
}

staff() { # size: writes $work/staff-$size.csv once
  [ -f "$work/staff-$1.csv" ] ||
    target/release/examples/synth --staff "$1" --seed 1 > "$work/staff-$1.csv"
}

run() { # name staff policy output-flags...
  local name=$1 staff=$2 policy=$3; shift 3
  staff "$staff"
  local out code=0
  out=$( { /usr/bin/time -f '%e %M' "$bin" plan --policy "$policy" --staff "$work/staff-$staff.csv" -q "$@"; } 2>&1) || code=$?
  out=$(tail -1 <<<"$out")
  local wall=${out% *} rss=${out#* }
  local file=$work/$name.csv size
  size=$(du -m "$file" | cut -f1)
  printf '| %s | %s s | %s MB | %s MB | %s s | %s |\n' "$name" "$wall" "$((rss / 1024))" "$size" "$(floor "$file")" "$code"
  rm -f "$file" "$work/roster.csv"
}

measure() { # name command...: one timed run of the release binary, its output to /dev/null
  local name=$1; shift
  local out code=0
  out=$( { /usr/bin/time -f '%e %M' "$bin" "$@" >/dev/null; } 2>&1) || code=$?
  out=$(tail -1 <<<"$out")
  printf '| %s | %s s | %s MB | %s |\n' "$name" "${out% *}" "$((${out#* } / 1024))" "$code"
}

province() {
  staff 60000
  local staff=$work/staff-60000.csv roster=$work/60k-quarter-long.csv
  local plan=(plan --policy benches/quarter.toml --staff "$staff" -q)
  echo "| 60k staff × a quarter | wall | peak RSS | exit |"
  echo "| --- | --- | --- | --- |"
  measure "plan (long CSV)" "${plan[@]}" --out "$roster"
  measure "check" check --policy benches/quarter.toml --staff "$staff" --roster "$roster"
  measure "report --by person" report --roster "$roster" --by person
  # The next quarter: the same policy for Q4 (a window must lie in the policy's period).
  sed -e 's/^start = 2025-07-01/start = 2025-10-01/' -e 's/^end = 2025-09-30/end = 2025-12-31/' \
    benches/quarter.toml > "$work/next-quarter.toml"
  measure "plan --previous (next quarter)" plan --policy "$work/next-quarter.toml" \
    --staff "$staff" -q --previous "$roster" --out "$work/next.csv"
  measure "plan --xlsx" "${plan[@]}" --out /dev/null --xlsx "$work/60k.xlsx"
  # A re-plan from mid-quarter with unchanged inputs (it changes nothing), then one person
  # in a hundred asking to work from home every Friday (soft requests).
  measure "plan --published (unchanged)" "${plan[@]}" --published "$roster" \
    --from 2025-08-15 --out "$work/re.csv" --changes "$work/changes.csv"
  awk -F, 'NR == 1 {print "nip,weekday,wish,reason"} NR > 1 && NR % 100 == 0 {print $1 ",Jumat,WFH,mengantar anak"}' \
    "$staff" > "$work/requests.csv"
  measure "plan --requests (1% every Friday)" "${plan[@]}" --out /dev/null \
    --requests "$work/requests.csv" --requests-report "$work/granted.csv"
  measure "plan --pdf '{unit}.pdf'" "${plan[@]}" --out /dev/null --pdf "$work/pdf/{unit}.pdf"
  printf '| the PDFs: %s files, %s MB | | | |\n' "$(ls "$work/pdf" | wc -l)" "$(du -sm "$work/pdf" | cut -f1)"
  rm -rf "$work/pdf"
  html "${plan[@]}"
  rm -f "$roster" "$work/next.csv" "$work/60k.xlsx" "$work/next-quarter.toml" "$work/re.csv" \
    "$work/changes.csv" "$work/requests.csv" "$work/granted.csv"
}

attendance() { # the province over a month: plan it, then reconcile one check-in row per person-day
  staff 60000
  local staff=$work/staff-60000.csv roster=$work/60k-month-long.csv presensi=$work/60k-presensi.csv
  "$bin" plan --policy benches/month.toml --staff "$staff" -q --out "$roster"
  target/release/examples/presensi --roster "$roster" --seed 1 > "$presensi"
  local rows=$(($(wc -l < "$presensi") - 1))
  # Three rounds, each planning the month and then reconciling it, so that both see the same
  # load; CPU time (user + sys) is the steadier figure on a shared machine.
  echo "| 60k staff × a month ($rows export rows) | wall | CPU (user + sys) | peak RSS | exit |"
  echo "| --- | --- | --- | --- | --- |"
  for round in 1 2 3; do
    timed "plan (long CSV), round $round" plan --policy benches/month.toml --staff "$staff" -q \
      --out "$work/again.csv"
    timed "attendance (--out, --actual, --summary), round $round" attendance \
      --policy benches/month.toml --staff "$staff" --roster "$roster" --presensi "$presensi" \
      --out "$work/days.csv" --actual "$work/actual.csv" --summary "$work/weekly.csv"
  done
  rm -f "$roster" "$presensi" "$work/again.csv" "$work/days.csv" "$work/actual.csv" "$work/weekly.csv"
}

timed() { # name command...: one run of the release binary, with its CPU time
  local name=$1; shift
  local out code=0
  out=$( { /usr/bin/time -f '%e %U %S %M' "$bin" "$@" >/dev/null; } 2>&1) || code=$?
  read -r wall user sys rss <<<"$(tail -1 <<<"$out")"
  printf '| %s | %s s | %s s | %s MB | %s |\n' "$name" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$((rss / 1024))" "$code"
}

open_in_chromium() { # page profile: wall time and peak RSS of headless Chromium loading it
  /usr/bin/time -f '%e %M' chromium --headless --no-sandbox --disable-gpu \
    --user-data-dir="$2" --dump-dom "file://$1" 2>&1 >/dev/null | tail -1
}

html() { # plan...: the --html page's size, and the time headless Chromium takes to open it
  local page=$work/60k.html empty=$work/empty.html profile=$work/chromium-profile
  measure "plan --html" "$@" --out /dev/null --html "$page"
  echo '<!doctype html><title>empty</title>' > "$empty"
  if command -v chromium >/dev/null; then
    local blank loaded
    blank=$(open_in_chromium "$empty" "$profile"); loaded=$(open_in_chromium "$page" "$profile")
    printf '| Chromium opens the page (%s MB): browser start %s s, with the page %s s, %s MB | | | |\n' \
      "$(du -m "$page" | cut -f1)" "${blank% *}" "${loaded% *}" "$((${loaded#* } / 1024))"
  fi
  rm -rf "$page" "$empty" "$profile"
}

large() { # 200 units of 300 people over a quarter under the PermenPANRB caps: the window repair
  local staff=$work/large-units.csv out=$work/large.csv err=$work/large.err
  awk 'BEGIN { print "nip,name,unit,team,role";
    for (u = 0; u < 200; u++) for (i = 0; i < 300; i++)
      printf "19%02d%014d,Pegawai %d-%d,Dinas %03d,Bidang %d,Analis\n", u % 100, u * 300 + i, u, i, u, i % 6 }' > "$staff"
  echo "| 200 units × 300 people × a quarter (PermenPANRB caps) | wall | peak RSS | exit | units with problems | not settled |"
  echo "| --- | --- | --- | --- | --- | --- |"
  local code=0 out_time
  /usr/bin/time -o "$work/large.time" -f '%e %M' "$bin" plan \
    --policy policies/permenpanrb-4-2025.toml --staff "$staff" --out "$out" \
    --summary "$work/large-summary.csv" -q 2>"$err" || code=$?
  out_time=$(tail -1 "$work/large.time")
  local problems unsettled
  problems=$(awk -F, 'NR > 1 && $1 != "TOTAL" && $10 > 0' "$work/large-summary.csv" | wc -l)
  unsettled=$(grep -c 'none was proven impossible' "$err" || true)
  printf '| plan | %s s | %s MB | %s | %s | %s |\n' "${out_time% *}" "$((${out_time#* } / 1024))" "$code" "$problems" "$unsettled"
  rm -f "$staff" "$out" "$err" "$work/large-summary.csv" "$work/large.time"
}

if [ "${2:-}" = province ]; then
  province
  exit
fi
if [ "${2:-}" = large ]; then
  large
  exit
fi
if [ "${2:-}" = attendance ]; then
  attendance
  exit
fi

echo "| run | wall | peak RSS | output | I/O floor (dd, fsync) | exit |"
echo "| --- | --- | --- | --- | --- | --- |"
run 10k-quarter-long 10000 benches/quarter.toml --out "$work/10k-quarter-long.csv"
run 100k-quarter-long 100000 benches/quarter.toml --out "$work/100k-quarter-long.csv"
run 1M-quarter-long 1000000 benches/quarter.toml --out "$work/1M-quarter-long.csv"
run 4.3M-month-wide 4300000 benches/month.toml --out /dev/null --wide "$work/4.3M-month-wide.csv" --summary "$work/summary.csv"
echo
province
echo
attendance
echo
large
