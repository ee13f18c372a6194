#!/usr/bin/env bash
# The six measures of issue #18 (performance round 3) in one run, on generated sites, each as
# the median of several runs beside its target, printed as one Markdown table:
#
#   #1, #2  serve: from saving an incident to the edited page served (median and max), at
#           10,000 and 1,000 incidents (`cargo bench --bench serve_reload` on a copy of the site)
#   #3      index.html: raw and gzipped size
#   #4, #5  build on tmpfs into an empty folder: wall time, `cp -r` of its own output on the same
#           tmpfs right after it, their ratio, and peak RSS (targets at 10,000 and 100,000)
#   #6      rebuild after a one-file edit, output on disk: the newest incident's title changed,
#           built over the existing output; `cp -r` of that output on the same disk beside it
#
# Usage: bench/round.sh [INCIDENTS...]        (default: 1000 10000 100000)
#        RUNS=1 SAVES=5 bench/round.sh 1000    (a quick check: about a minute once compiled)
# Environment:
#   RUNS         builds and rebuilds per measure, the median reported (default 5; 3 from 100,000)
#   SAVES        saves per serve measurement, the median and max reported (default 20)
#   SERVE_MAX    largest size serve is measured at (default 10000)
#   REBUILD_MAX  largest size the rebuild on disk is measured at (default 10000)
#   MEASURES     which to run, of "serve tmpfs rebuild" (default all three; tmpfs gives #3 to #5)
#   BENCH_DIR    generated sites, and the outputs of the rebuild (on disk, not tmpfs; default
#                ~/.cache/statuspress-bench, shared with bench/build.sh)
#   SHM_DIR      where the tmpfs builds write (default /dev/shm/statuspress-round)
#   STATUSPRESS  another statuspress binary for the builds (serve always runs this tree's)
#   COMPONENTS, SEED, NOW as in bench/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/lib.sh
source bench/lib.sh

SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(1000 10000 100000)
SAVES=${SAVES:-20}
SERVE_MAX=${SERVE_MAX:-10000}
REBUILD_MAX=${REBUILD_MAX:-10000}
MEASURES=" ${MEASURES:-serve tmpfs rebuild} "
SHM_DIR=${SHM_DIR:-/dev/shm/statuspress-round}
DISK_DIR=$BENCH_DIR/round

ensure_gnu_time
build_binaries
mkdir -p "$SHM_DIR" "$DISK_DIR"
trap 'rm -rf "$SHM_DIR" "$DISK_DIR"' EXIT
[[ $(stat -f -c %T "$SHM_DIR") == tmpfs ]] || echo "warning: $SHM_DIR is not on tmpfs" >&2
[[ $(stat -f -c %T "$DISK_DIR") != tmpfs ]] || echo "warning: $DISK_DIR is on tmpfs, not disk" >&2
wanted() { [[ $MEASURES == *" $1 "* ]]; }
for n in "${SIZES[@]}"; do
  if wanted serve && ((n <= SERVE_MAX)); then
    echo "building the serve benchmark" >&2
    cargo bench --quiet --bench serve_reload --no-run 2>/dev/null
    break
  fi
done

runs_for() { echo "${RUNS:-$(($1 >= 100000 ? 3 : 5))}"; }
# 12345 -> 12,345
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
# Whether all of "value <= limit" pairs hold: met 1.2 1.5 ... -> yes / no
met() {
  awk 'BEGIN { ok = 1; for (i = 1; i < ARGC; i += 2) if (ARGV[i] + 0 > ARGV[i + 1] + 0) ok = 0
               print ok ? "yes" : "no" }' "$@"
}

rows=()
notes=()
# row ORDER SIZE NUMBER MEASURE MEASURED TARGET MET: a table row, sorted by ORDER then SIZE.
row() {
  rows+=("$(printf '%s\t%s\t| %s | %s | %s | %s | %s | %s |' "$1" "$2" "$3" "$4" "$(thousands "$2")" "$5" "$6" "$7")")
}

# #1 and #2: `serve` from save to the edited page served.
measure_serve() {
  local n=$1 site=$2 log line median max target ok num
  echo "serve: $n incidents, $SAVES saves" >&2
  log=$(mktemp)
  SERVE_BENCH_SITE=$site SERVE_BENCH_SAVES=$SAVES cargo bench --quiet --bench serve_reload \
    >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  line=$(grep 'save -> new page served' "$log")
  median=$(awk '{ for (i = 1; i < NF; i++) if ($i == "median") print $(i + 1) }' <<<"$line")
  max=$(awk '{ for (i = 1; i < NF; i++) if ($i == "max") print $(i + 1) }' <<<"$line")
  case $n in
  10000) target="median ≤ 300 ms, max ≤ 500 ms" ok=$(met "$median" 300 "$max" 500) num=1 ;;
  1000) target="median ≤ 150 ms" ok=$(met "$median" 150) num=2 ;;
  *) target="—" ok="—" num="" ;;
  esac
  row 1 "$n" "$num" "serve: save → edited page served" \
    "median $median ms, max $max ms (of $SAVES saves)" "$target" "$ok"
  notes+=("- serve, $(thousands "$n"): $(grep 'rebuild alone' "$log" | sed 's/^ *//')")
  rm -f "$log"
}

# #3, #4 and #5: fresh builds on tmpfs, each followed by `cp -r` of its output.
measure_tmpfs() {
  local n=$1 site=$2 runs out log walls=() copies=() ratios=() rsss=() raw gz
  runs=$(runs_for "$n")
  out=$SHM_DIR/out-$n
  log=$(mktemp)
  for ((r = 1; r <= runs; r++)); do
    echo "tmpfs: building $n incidents (run $r of $runs)" >&2
    rm -rf "$out" "$out.copy"
    warm "$site"
    local t0=$EPOCHREALTIME
    /usr/bin/time -v -o "$log.time" "$BIN" build --root "$site" --output "$out" --now "$NOW" \
      --timings >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
    walls+=("$(since "$t0")")
    t0=$EPOCHREALTIME
    cp -r "$out" "$out.copy"
    copies+=("$(since "$t0")")
    ratios+=("$(awk -v a="${walls[-1]}" -v b="${copies[-1]}" 'BEGIN { printf "%.2f", a / b }')")
    rsss+=("$(awk '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$log.time")")
    notes+=("- tmpfs build, $(thousands "$n"), run $r: ${walls[-1]} s, cp -r ${copies[-1]} s; $(grep '^timings:' "$log" | sed 's/^timings: //')")
  done
  raw=$(stat -c %s "$out/index.html")
  gz=$(gzip -c "$out/index.html" | wc -c)
  rm -rf "$out" "$out.copy" "$log" "$log.time"

  local kb
  kb=$(awk -v r="$raw" -v g="$gz" 'BEGIN { printf "%.1f KB (%.1f KB gzipped)", r / 1024, g / 1024 }')
  row 3 "$n" 3 "index.html size" "$kb" "≤ 60 KB raw" \
    "$(met "$(awk -v r="$raw" 'BEGIN { print r / 1024 }')" 60)"

  local wall copy ratio rss target ok num
  wall=$(median "${walls[@]}")
  copy=$(median "${copies[@]}")
  ratio=$(median "${ratios[@]}")
  rss=$(median "${rsss[@]}")
  case $n in
  10000) target="≤ 1.2× cp -r" ok=$(met "$ratio" 1.2) num=4 ;;
  100000) target="≤ 5 s, ≤ 400 MB" ok=$(met "$wall" 5 "$rss" 400) num=5 ;;
  *) target="—" ok="—" num="" ;;
  esac
  row 4 "$n" "$num" "build on tmpfs (vs cp -r of its output)" \
    "$wall s, cp -r $copy s, ratio ${ratio}×, peak RSS $rss MB (median of $runs)" "$target" "$ok"
}

# #6: rebuilds over the existing output on disk after editing one incident's title, each
# followed by `cp -r` of the output to a new folder on the same disk; after two builds, so that
# the previous output is kept as the spare the next build is staged in.
measure_rebuild() {
  local n=$1 site=$2 runs work out edit log walls=() copies=()
  runs=$(runs_for "$n")
  work=$DISK_DIR/$n
  rm -rf "$work"
  mkdir -p "$work"
  cp -r "$site" "$work/site"
  out=$work/public
  edit=$(find "$work/site/incidents" -name '*.md' | LC_ALL=C sort | tail -n 1)
  log=$(mktemp)
  echo "disk: first build of $n incidents" >&2
  "$BIN" build --root "$work/site" --output "$out" --now "$NOW" >/dev/null 2>"$log" ||
    { cat "$log" >&2; exit 1; }
  # A second build keeps the first output as the spare, as every build after the second finds
  # it; the runs measure that steady state.
  sed -i "0,/^title = .*/s//title = \"Benchmark edit 0\"/" "$edit"
  "$BIN" build --root "$work/site" --output "$out" --now "$NOW" >/dev/null 2>"$log" ||
    { cat "$log" >&2; exit 1; }
  for ((r = 1; r <= runs; r++)); do
    echo "disk: rebuilding $n incidents after an edit (run $r of $runs)" >&2
    sed -i "0,/^title = .*/s//title = \"Benchmark edit $r\"/" "$edit"
    warm "$work/site"
    local t0=$EPOCHREALTIME
    "$BIN" build --root "$work/site" --output "$out" --now "$NOW" --timings >/dev/null 2>"$log" ||
      { cat "$log" >&2; exit 1; }
    walls+=("$(since "$t0")")
    t0=$EPOCHREALTIME
    cp -r "$out" "$work/copy-$r"
    copies+=("$(since "$t0")")
    notes+=("- disk rebuild, $(thousands "$n"), run $r: ${walls[-1]} s, cp -r ${copies[-1]} s; $(grep -E '^(timings|writer):' "$log" | sed 's/^[a-z]*: //' | paste -sd '|' - | sed 's/|/; /')")
  done
  rm -f "$log"
  local wall copy target ok num
  wall=$(median "${walls[@]}")
  copy=$(median "${copies[@]}")
  case $n in
  10000) target="≤ 1 s" ok=$(met "$wall" 1) num=6 ;;
  *) target="—" ok="—" num="" ;;
  esac
  row 6 "$n" "$num" "rebuild after a one-file edit, on disk" \
    "$wall s, cp -r $copy s (median of $runs)" "$target" "$ok"
}

for n in "${SIZES[@]}"; do
  site=$(site_for "$n")
  if wanted serve && ((n <= SERVE_MAX)); then measure_serve "$n" "$site"; fi
  if wanted tmpfs; then measure_tmpfs "$n" "$site"; fi
done
# Last, since removing outputs on disk slows file creation on it for a while afterwards.
for n in "${SIZES[@]}"; do
  if wanted rebuild && ((n <= REBUILD_MAX)); then measure_rebuild "$n" "$(site_for "$n")"; fi
done

echo
echo "| # | measure | incidents | measured | target | met |"
echo "| --- | --- | ---: | --- | --- | --- |"
printf '%s\n' "${rows[@]}" | sort -t$'\t' -k1,1n -k2,2n | cut -f3
echo
printf '%s\n' "${notes[@]}"
