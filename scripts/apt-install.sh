# Sourced by the scripts that install what the tests need (ensure-chromium.sh, ensure-test-tools.sh):
#   apt_install NAME PACKAGE...
# installs the Debian packages with --no-install-recommends, as root or through sudo without a
# password prompt; on failure prints one line naming the packages (prefixed with NAME) and exits 1.
apt_install() {
  name=$1
  shift
  apt_fail() {
    why=$1
    shift
    echo "$name: $why; install with: apt-get install --no-install-recommends $*" >&2
    exit 1
  }
  command -v apt-get >/dev/null 2>&1 || apt_fail "apt-get is not available (not Debian?)" "$@"
  if [ "$(id -u)" = 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo -n"
  else
    apt_fail "installing needs root or sudo, and neither is available" "$@"
  fi
  echo "$name: installing Debian's $* …" >&2
  log=$(mktemp)
  if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q \
    && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"; } >"$log" 2>&1; then
    tail -n 5 "$log" >&2
    rm -f "$log"
    apt_fail "apt-get could not install them (see the lines above)" "$@"
  fi
  rm -f "$log"
}
