#!/usr/bin/env bash
# Runs every benchmark; each prints its own table (ratios against a baseline run in the same
# process). Pass names to run a subset: `npm run bench -- import bundle`.
set -euo pipefail
cd "$(dirname "$0")/.."
want="${*:-all}"
run() { case " $want " in *" all "*|*" $1 "*) echo; echo "== $1"; shift; "$@";; esac; }
run bundle sh -c 'npm run build --silent >/dev/null && node scripts/bundle-size.mjs'
run import node --expose-gc --import tsx core/bench/import-bench.ts
run import-server npx tsx sync-server/bench/import-bench.ts
run goals npx tsx tests/bench/goals-bench.ts
run reminders node --expose-gc --import tsx core/bench/reminders-bench.ts
run review node --expose-gc --import tsx core/bench/review-bench.ts
run relay npx tsx sync-server/bench/relay-bench.ts
run compare npx tsx sync-server/bench/compare-bench.ts
