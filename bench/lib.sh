# shellcheck shell=bash
# Shared by bench/build.sh and bench/round.sh (sourced, from the repository root): the release
# binary and the site generator, generated sites, GNU time and small helpers.
#
# Environment: COMPONENTS (default 50), SEED (1), NOW (2026-11-23T12:00:00Z), BENCH_DIR
# (~/.cache/statuspress-bench), STATUSPRESS (a binary to measure instead of this tree's).

COMPONENTS=${COMPONENTS:-50}
SEED=${SEED:-1}
NOW=${NOW:-2026-11-23T12:00:00Z}
BENCH_DIR=${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/statuspress-bench}
TARGET=${CARGO_TARGET_DIR:-target}

# GNU time, for peak memory; installed with apt where missing and possible.
ensure_gnu_time() {
  if [[ ! -x /usr/bin/time ]]; then
    echo "installing GNU time for peak-memory measurements" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  fi
}

# Builds the release binary and the generator once and copies them to $BENCH_DIR/bin (so that
# another build in a shared target folder cannot swap the binary mid-run); sets BIN and GEN.
build_binaries() {
  echo "building the release binary and generator" >&2
  cargo build --release --quiet --bin statuspress --example gen-site
  mkdir -p "$BENCH_DIR/bin"
  BIN=$BENCH_DIR/bin/statuspress
  GEN=$BENCH_DIR/bin/gen-site
  cp "${STATUSPRESS:-$TARGET/release/statuspress}" "$BIN"
  cp "$TARGET/release/examples/gen-site" "$GEN"
  # Generated sites are reused while the generator's source and the parameters are unchanged.
  GEN_HASH=$(cat examples/gen-site.rs examples/gen_site/*.rs | sha256sum | cut -c1-16)
}

# Prints the folder of the generated site of $1 incidents, generating it first if needed.
site_for() {
  local n=$1 dir="$BENCH_DIR/site-$1-c$COMPONENTS-s$SEED"
  local stamp="$dir.stamp"
  if [[ -f $stamp && $(cat "$stamp") == "$GEN_HASH" ]]; then
    echo "$dir"
    return
  fi
  echo "generating $n incidents into $dir" >&2
  rm -rf "$dir" "$stamp"
  "$GEN" --incidents "$n" --components "$COMPONENTS" --seed "$SEED" --out "$dir" >&2
  echo "$GEN_HASH" >"$stamp"
  echo "$dir"
}

# Reads a folder once, as it is in the page cache right after a clone: the load phase then
# measures parsing rather than this machine's disk.
warm() {
  tar -cf - -C "$1" . | cat >/dev/null
}

# Seconds since $1 (an $EPOCHREALTIME), with three decimals.
since() {
  awk -v t0="$1" -v t1="$EPOCHREALTIME" 'BEGIN { printf "%.3f", t1 - t0 }'
}

# The median of the numbers given as arguments (the lower one of an even count).
median() {
  printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"
}
