#!/usr/bin/env bash
# The whole test suite: type check, lint and format, unit and integration tests (vitest), then the
# extension build and the end-to-end tests in real Chromium (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
bash scripts/ensure-chromium.sh
# The scale-out tests need Redis and PostgreSQL. Under CI they must run (a missing service fails
# the suite); elsewhere they are started when possible and reported as not run otherwise.
if [ -z "${FIRSTLINE_TEST_REDIS_URL:-}" ] || [ -z "${FIRSTLINE_TEST_PG_URL:-}" ]; then
  if services="$(bash scripts/ensure-services.sh)"; then
    eval "$services"
  elif [ "${CI:-}" = true ]; then
    exit 1
  else
    echo "Redis/PostgreSQL unavailable: the scale-out tests will be reported as not run." >&2
  fi
fi
npm run check
npx vitest run
npm run build --silent
npx playwright test -c tests/playwright.config.ts
