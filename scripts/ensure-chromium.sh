#!/usr/bin/env bash
# Makes sure a Chromium the end-to-end tests can drive is installed. Playwright cannot download its
# own browsers here, so Debian's package is used; FIRSTLINE_CHROMIUM overrides the path.
set -euo pipefail
if [ -n "${FIRSTLINE_CHROMIUM:-}" ] && [ -x "$FIRSTLINE_CHROMIUM" ]; then exit 0; fi
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing. Install it (Debian: sudo apt-get install -y chromium) or set FIRSTLINE_CHROMIUM." >&2
  exit 1
fi
echo "Installing Chromium from Debian's packages..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null
