#!/usr/bin/env bash
# The whole test suite: type check, lint and format, unit and integration tests (vitest), then the
# extension build and the end-to-end tests in real Chromium (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
bash scripts/ensure-chromium.sh
npm run check
npx vitest run
npm run build --silent
npx playwright test -c tests/playwright.config.ts
