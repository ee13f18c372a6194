#!/usr/bin/env bash
# The floor under rows 4 and 5 of bench/round.sh (the build on tmpfs, against `cp -r`): the same
# builds by a binary that does not render the incident pages and the posts' list entries, the
# two templates most of a large site is made of. bench/floor.patch keeps everything else as it
# is (their contexts are built, placeholders of their size are written), so what the builds
# still take is what no speed-up of those templates can remove: loading and parsing the posts,
# deriving, the other pages and writing the files.
#
# Usage: bench/floor.sh [INCIDENTS...]        (default: 10000 100000)
# Environment: as bench/round.sh (RUNS, BENCH_DIR, SHM_DIR, ...); FLOOR_TARGET is the cargo
# target folder of the patched binary (default target/floor).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(10000 100000)
target=${FLOOR_TARGET:-$PWD/target/floor}
tree=$(mktemp -d)
trap 'git worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"' EXIT
# The patch applies to the committed tree, in a worktree of its own.
git worktree add --detach "$tree" HEAD >/dev/null
git -C "$tree" apply "$PWD/bench/floor.patch"
echo "building the floor binary (bench/floor.patch on $(git rev-parse --short HEAD))" >&2
cargo build --release --quiet --manifest-path "$tree/Cargo.toml" --target-dir "$target" 2>/dev/null
STATUSPRESS=$target/release/statuspress MEASURES=tmpfs bench/round.sh "${SIZES[@]}"
