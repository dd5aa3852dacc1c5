#!/bin/sh
# Installs Debian's Chromium for the browser tests (test/browser) when /usr/bin/chromium is missing.
# `npm test` (and .ci/run on a fresh Debian machine) call it through `npm run test:browser`:
# nothing has to be installed by hand. playwright-core drives this Chromium; Playwright's own
# browser downloads (`npx playwright install`) are not used. fonts-noto-cjk makes the Chinese
# screenshots readable. Needs root, or sudo without a password prompt.
set -u

CHROMIUM=/usr/bin/chromium
PACKAGES="chromium fonts-noto-cjk"

[ -x "$CHROMIUM" ] && exit 0

fail() {
  echo "ensure-chromium: $CHROMIUM is missing and $1; install it with: apt-get install --no-install-recommends $PACKAGES" >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get is not available (not Debian?)"
if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo -n"
else
  fail "installing it needs root or sudo, and neither is available"
fi

echo "ensure-chromium: installing Debian's $PACKAGES for the browser tests…" >&2
LOG=$(mktemp)
if ! { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q \
  && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $PACKAGES; } >"$LOG" 2>&1; then
  tail -n 5 "$LOG" >&2
  rm -f "$LOG"
  fail "apt-get could not install it (see the lines above)"
fi
rm -f "$LOG"
[ -x "$CHROMIUM" ] || fail "apt-get finished without installing it"
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")" >&2
