#!/usr/bin/env bash
# Browser tests run in Debian's Chromium (Playwright's own browser download cannot work offline).
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Chromium is missing: installing Debian's chromium package (about 110 MB)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Browser tests need Debian's Chromium at $CHROMIUM. Install it with: sudo apt-get install chromium" >&2
exit 1
