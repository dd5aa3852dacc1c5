#!/bin/sh
# Installs, when missing, the third-party tools the workbook corpus tests (test/cli/corpus.test.ts)
# use to prove that a checked copy is the user's file unchanged:
#   - Debian's openpyxl for /usr/bin/python3 (test/fixtures/tools/dump_cells.py, make-fixtures.py);
#   - LibreOffice Calc without a GUI (soffice --headless --convert-to, a second, independent reader).
# Installed with --no-install-recommends, which is enough: after such an install on Debian 12,
# `soffice --headless --convert-to` reads .fods/.xlsx and writes .xlsx and every-sheet .csv (the
# script proves it once, below). LibreOffice warns "failed to launch javaldx" without a Java
# runtime; no filter used here needs one. fonts-noto-cjk gives LibreOffice CJK fonts (without it
# Chinese text falls back to whatever font is installed; the values exported do not change).
# Idempotent: exits at once when both tools are there. Needs root, or sudo without a password prompt.
set -u

PYTHON=/usr/bin/python3
PACKAGES="python3-openpyxl libreoffice-calc-nogui fonts-noto-cjk"

have_openpyxl() { [ -x "$PYTHON" ] && "$PYTHON" -c 'import openpyxl' >/dev/null 2>&1; }
have_soffice() { command -v soffice >/dev/null 2>&1; }

have_openpyxl && have_soffice && exit 0

fail() {
  echo "ensure-test-tools: $1; install them with: apt-get install --no-install-recommends $PACKAGES" >&2
  exit 1
}

. "$(dirname "$0")/apt-install.sh"
# shellcheck disable=SC2086 # one package a word
apt_install ensure-test-tools $PACKAGES
have_openpyxl || fail "apt-get finished but $PYTHON still cannot import openpyxl"
have_soffice || fail "apt-get finished but soffice is still missing"

# A no-recommends install must still convert headless; prove it once, in a private profile:
# csv -> xlsx, then xlsx -> csv of every sheet (the filter options test/helpers/thirdParty.ts uses).
CHECK=$(mktemp -d)
printf 'a,b\n1,2\n' >"$CHECK/probe.csv"
probe() {
  timeout 120 soffice "-env:UserInstallation=file://$CHECK/profile" --headless --norestore --convert-to "$1" --outdir "$CHECK/$2" "$3" >>"$CHECK/log" 2>&1
}
if ! probe xlsx x "$CHECK/probe.csv" || [ ! -s "$CHECK/x/probe.xlsx" ] \
  || ! probe 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' c "$CHECK/x/probe.xlsx" \
  || [ -z "$(ls "$CHECK/c" 2>/dev/null)" ]; then
  tail -n 5 "$CHECK/log" >&2
  rm -rf "$CHECK"
  fail "soffice is installed but 'soffice --headless --convert-to' does not work"
fi
rm -rf "$CHECK"
echo "ensure-test-tools: installed openpyxl $("$PYTHON" -c 'import openpyxl; print(openpyxl.__version__)') and $(soffice --version 2>/dev/null | head -n 1)" >&2
