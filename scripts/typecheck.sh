#!/usr/bin/env bash
# Type-checks every workspace on its own, so each package's settings (the extension's WXT globals) apply.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for p in core fixtures sync-server extension tests; do
  npx tsc -p "$p" --noEmit || status=1
done
exit $status
