#!/usr/bin/env bash
# Installs a statuspress release binary: the install logic of the GitHub Action (action.yml).
#
#   install.sh plan      prints version=, target=, dir= (to $GITHUB_OUTPUT when set)
#   install.sh install   downloads the release archive for this machine, verifies its SHA-256
#                        against the release's checksum file, and puts the binary in $dir/bin;
#                        where the release has no binary for this machine, builds it with
#                        `cargo install --locked --version $version statuspress` instead
#
# Environment:
#   STATUSPRESS_VERSION       the version to install (0.1.0 or v0.1.0); when empty, the version
#                             of the action's own tag (ACTION_REF, such as v0.1.0)
#   ACTION_REF                github.action_ref of the running action
#   STATUSPRESS_REPOSITORY    owner/name whose releases are used (default statuspress/statuspress)
#   STATUSPRESS_DOWNLOAD_URL  base address of release downloads, for a mirror
#                             (default https://github.com/$STATUSPRESS_REPOSITORY/releases/download)
#   STATUSPRESS_TARGET        the target triple, when not detected from this machine
#   STATUSPRESS_INSTALL_DIR   where to install (default $RUNNER_TOOL_CACHE/statuspress/VERSION/TARGET)
set -euo pipefail

fail() {
  echo "::error title=statuspress install::$*" >&2
  exit 1
}

version() {
  local v=${STATUSPRESS_VERSION:-}
  if [[ -z $v ]]; then
    v=${ACTION_REF:-}
    [[ $v =~ ^v?[0-9]+\.[0-9]+\.[0-9]+ ]] ||
      fail "no version to install: set the action's \`version\` input (such as 0.1.0), or use the action at a full version tag (statuspress/statuspress@v0.1.0)"
  fi
  v=${v#v}
  [[ $v =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] ||
    fail "\`$v\` is not a statuspress version: write it like 0.1.0"
  echo "$v"
}

target() {
  if [[ -n ${STATUSPRESS_TARGET:-} ]]; then
    echo "$STATUSPRESS_TARGET"
    return
  fi
  local os arch
  os=${RUNNER_OS:-$(uname -s)}
  arch=${RUNNER_ARCH:-$(uname -m)}
  case "$arch" in
    X64 | x86_64 | amd64) arch=x86_64 ;;
    ARM64 | aarch64 | arm64) arch=aarch64 ;;
    *) arch=unknown-$arch ;;
  esac
  case "$os" in
    Linux) echo "$arch-unknown-linux-musl" ;;
    macOS | Darwin) echo "$arch-apple-darwin" ;;
    Windows | MINGW* | MSYS* | CYGWIN*) echo "$arch-pc-windows-msvc" ;;
    *) echo "$arch-unknown-$os" ;;
  esac
}

install_dir() {
  if [[ -n ${STATUSPRESS_INSTALL_DIR:-} ]]; then
    echo "$STATUSPRESS_INSTALL_DIR"
  else
    echo "${RUNNER_TOOL_CACHE:-${TMPDIR:-/tmp}}/statuspress/$1/$2"
  fi
}

sha256_of() {
  if command -v sha256sum >/dev/null; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# Downloads $1 into $2 with timeouts and retries; prints the final HTTP status (000 when no
# answer came at all).
download() {
  curl --silent --show-error --location --retry 4 --retry-delay 2 --retry-connrefused \
    --connect-timeout 20 --max-time 300 --output "$2" --write-out '%{http_code}' "$1" || true
}

# The binary's name on this target.
exe_name() {
  case "$1" in
    *windows*) echo statuspress.exe ;;
    *) echo statuspress ;;
  esac
}

cmd_plan() {
  local v t d
  v=$(version)
  t=$(target)
  d=$(install_dir "$v" "$t")
  {
    echo "version=$v"
    echo "target=$t"
    echo "dir=$d"
  } | tee -a "${GITHUB_OUTPUT:-/dev/null}"
}

cmd_install() {
  local v t d repo base archive url work status expected actual bin exe
  v=$(version)
  t=$(target)
  d=$(install_dir "$v" "$t")
  exe=$(exe_name "$t")
  repo=${STATUSPRESS_REPOSITORY:-statuspress/statuspress}
  base=${STATUSPRESS_DOWNLOAD_URL:-https://github.com/$repo/releases/download}
  case "$t" in
    *windows*) archive="statuspress-$t.zip" ;;
    *) archive="statuspress-$t.tar.gz" ;;
  esac
  url="${base%/}/v$v/$archive"
  if [[ -x $d/bin/$exe ]]; then
    # Restored from the cache (or installed by an earlier step on this runner).
    echo "statuspress $v is installed in $d/bin"
    echo "path=$d/bin/$exe" >>"${GITHUB_OUTPUT:-/dev/null}"
    echo "$d/bin" >>"${GITHUB_PATH:-/dev/null}"
    return
  fi
  work=$(mktemp -d)
  WORK=$work
  trap 'rm -rf "$WORK"' EXIT

  echo "Downloading $url"
  status=$(download "$url" "$work/$archive")
  if [[ $status == 404 ]]; then
    echo "No release binary of statuspress $v for $t; building it with cargo instead."
    command -v cargo >/dev/null ||
      fail "statuspress $v has no binary for $t and cargo is not installed: install Rust (https://rustup.rs) before this step"
    cargo install --locked --version "$v" statuspress --root "$d"
  else
    [[ $status == 200 ]] || fail "downloading $url failed (HTTP status $status)"
    status=$(download "$url.sha256" "$work/$archive.sha256")
    [[ $status == 200 ]] ||
      fail "downloading the checksum $url.sha256 failed (HTTP status $status); the archive was not installed"
    expected=$(tr -d '\r' <"$work/$archive.sha256" | awk 'NR == 1 { print tolower($1) }')
    actual=$(sha256_of "$work/$archive")
    [[ $expected =~ ^[0-9a-f]{64}$ ]] || fail "$url.sha256 holds no SHA-256 checksum"
    [[ $actual == "$expected" ]] ||
      fail "checksum mismatch for $archive: expected $expected, got $actual; the archive was not installed"
    mkdir -p "$work/unpacked"
    case "$archive" in
      *.zip) unzip -q "$work/$archive" -d "$work/unpacked" ;;
      *) tar -xzf "$work/$archive" -C "$work/unpacked" ;;
    esac
    bin=$(find "$work/unpacked" -type f -name "$exe" | head -n 1)
    [[ -n $bin ]] || fail "$archive holds no $exe"
    mkdir -p "$d/bin"
    chmod +x "$bin"
    mv -f "$bin" "$d/bin/$exe"
  fi
  [[ -x $d/bin/$exe ]] || fail "installing statuspress $v left no $d/bin/$exe"
  echo "Installed $d/bin/$exe"
  echo "path=$d/bin/$exe" >>"${GITHUB_OUTPUT:-/dev/null}"
  echo "$d/bin" >>"${GITHUB_PATH:-/dev/null}"
}

case "${1:-}" in
  plan) cmd_plan ;;
  install) cmd_install ;;
  *) fail "usage: install.sh plan|install" ;;
esac
