#!/usr/bin/env bash
# Build benchmark: generates sites of 1,000, 10,000 and 100,000 incidents (50 components) and
# builds each with the release binary in a fresh process, reporting wall time, CPU time, peak
# memory, output size and the binary's own phase timings as a Markdown table.
#
# Usage: bench/build.sh [INCIDENTS...]         (default: 1000 10000 100000)
# Environment:
#   COMPONENTS  components per site (default 50)
#   SEED        generator seed (default 1)
#   RUNS        builds per size; the median wall time is reported (default 3, and 1 for 100,000+)
#   BENCH_DIR   where generated sites and outputs are kept (default ~/.cache/statuspress-bench)
#   OUTPUT_DIR  where the builds write (default BENCH_DIR; e.g. /dev/shm to leave the disk out)
#   STATUSPRESS a statuspress binary to measure instead of this tree's (e.g. an older build)
#   NOW         the build clock (default 2026-11-23T12:00:00Z, where generated history ends)
#   BASELINE=1  also time `cp -r` of the finished output to a new folder beside it: what writing
#               the same files costs without statuspress (the floor on this file system)
#   REBUILD=1   also time one more build over the existing output (the swap then removes the
#               previous site)
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/lib.sh
source bench/lib.sh

SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(1000 10000 100000)
OUTPUT_DIR=${OUTPUT_DIR:-$BENCH_DIR}

ensure_gnu_time
build_binaries

# One build in a fresh process, into a removed output folder (so the swap does not include
# deleting a previous site); prints: wall_s cpu_s rss_mb load derive render+write swap (ms).
measure() {
  local site=$1 out=$2 log
  log=$(mktemp)
  rm -rf "$out"
  # Read the input once first: the load phase then measures parsing rather than this VM's disk
  # (which made it vary from 1 to 5 s at 100,000).
  warm "$site"
  local t0=$EPOCHREALTIME
  /usr/bin/time -v -o "$log.time" "$BIN" build --root "$site" --output "$out" --now "$NOW" --timings \
    >/dev/null 2>"$log"
  local t1=$EPOCHREALTIME
  awk -v t0="$t0" -v t1="$t1" '
    FNR == NR && /^timings:/ {
      for (i = 1; i <= NF; i++) if ($i == "ms," || $i == "ms") t[++k] = $(i - 1)
      next
    }
    /User time \(seconds\)/ { user = $NF }
    /System time \(seconds\)/ { sys = $NF }
    /Maximum resident set size/ { rss = $NF / 1024 }
    END { printf "%.3f %.2f %.0f %s %s %s %s\n", t1 - t0, user + sys, rss, t[1], t[2], t[3], t[4] }
  ' "$log" "$log.time"
  rm -f "$log" "$log.time"
}

rows=()
notes=()
outputs=()
for n in "${SIZES[@]}"; do
  site=$(site_for "$n")
  runs=${RUNS:-$([[ $n -ge 100000 ]] && echo 1 || echo 3)}
  results=()
  for ((r = 1; r <= runs; r++)); do
    # A new folder per run: removing a large output right before the next build makes ext4
    # slower to create files for about 30 s, which would be measured as build time.
    out="$OUTPUT_DIR/statuspress-bench-out-$n-$r"
    outputs+=("$out")
    echo "building $n incidents (run $r of $runs)" >&2
    results+=("$(measure "$site" "$out")")
  done
  median=$(printf '%s\n' "${results[@]}" | sort -n -k1,1 | sed -n "$(((runs + 1) / 2))p")
  read -r wall cpu rss load derive render write <<<"$median"
  bytes=$(du -sb "$out" | cut -f1)
  files=$(find "$out" -type f | wc -l)
  input=$(du -sb "$site" | cut -f1)
  extra=""
  if [[ ${BASELINE:-} == 1 ]]; then
    echo "copying the $n-incident output (baseline)" >&2
    t0=$EPOCHREALTIME
    cp -r "$out" "$out.copy"
    extra+=" cp -r $(awk -v t0="$t0" -v t1="$EPOCHREALTIME" 'BEGIN { printf "%.2f", t1 - t0 }') s;"
    outputs+=("$out.copy")
  fi
  if [[ ${REBUILD:-} == 1 ]]; then
    echo "rebuilding $n incidents over the existing output" >&2
    t0=$EPOCHREALTIME
    "$BIN" build --root "$site" --output "$out" --now "$NOW" >/dev/null 2>&1
    extra+=" rebuild $(awk -v t0="$t0" -v t1="$EPOCHREALTIME" 'BEGIN { printf "%.2f", t1 - t0 }') s;"
  fi
  rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' \
    "$n" "$(awk -v b="$input" 'BEGIN { printf "%.0f", b / 1048576 }')" "$wall" "$cpu" "$rss" \
    "$load" "$derive" "$render" "$write" "$files" "$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }')")")
  [[ -z $extra ]] || notes+=("- $n incidents:$extra")
done

echo "removing the outputs" >&2
rm -rf "${outputs[@]}"

echo
echo "| incidents | input MB | wall s | CPU s | peak RSS MB | load ms | derive ms | render+write ms | swap ms | output files | output MB |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
if [[ ${#notes[@]} -gt 0 ]]; then
  echo
  printf '%s\n' "${notes[@]}"
fi
