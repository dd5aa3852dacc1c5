#!/bin/sh
# Installs Debian's Chromium and the fonts the browser tests (test/browser) render with, when any
# is missing. `npm test` (and .ci/run on a fresh Debian machine) call it through
# `npm run test:browser`: nothing has to be installed by hand. playwright-core drives this
# Chromium; Playwright's own browser downloads (`npx playwright install`) are not used.
# The fonts are those of a fresh Debian machine: fonts-dejavu-core (Latin; fontconfig pulls it in
# anyway, named here so that it is there whichever of fontconfig's alternatives came first) and
# fonts-noto-cjk (Chinese). test/browser/harness.ts shows Chromium these fonts and no other, so the
# layout tests (a 320 px pane in both languages) measure the same widths on every machine.
# Idempotent: exits at once when all are installed. Needs root, or sudo without a password prompt.
set -u

CHROMIUM=/usr/bin/chromium
PACKAGES="chromium fonts-dejavu-core fonts-noto-cjk"

installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

MISSING=""
for package in $PACKAGES; do
  installed "$package" || MISSING="$MISSING $package"
done
[ -x "$CHROMIUM" ] || case " $MISSING " in *" chromium "*) ;; *) MISSING="$MISSING chromium" ;; esac
MISSING=${MISSING# }
[ -z "$MISSING" ] && exit 0

fail() {
  echo "ensure-chromium: $1; install with: apt-get install --no-install-recommends $PACKAGES" >&2
  exit 1
}

. "$(dirname "$0")/apt-install.sh"
# shellcheck disable=SC2086 # one package a word
apt_install ensure-chromium $MISSING
[ -x "$CHROMIUM" ] || fail "apt-get finished without installing $CHROMIUM"
for package in $PACKAGES; do
  installed "$package" || fail "apt-get finished without installing $package"
done
echo "ensure-chromium: installed $MISSING ($("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM"))" >&2
