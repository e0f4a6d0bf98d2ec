/**
 * Measures an import end to end on the shared data sets: planning (core) and applying through the
 * server's commit path into SQLite. Prints a table; run with `npx tsx sync-server/bench/import-bench.ts`.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImport } from '@firstline/core/import/index';
import { sharedDataPath } from '@firstline/fixtures';
import { DocRegistry } from '../src/documents/doc-registry.ts';
import { applyPlanLive } from '../src/import/apply-live.ts';
import { silentLogger } from '../src/log/logger.ts';
import { createSqliteStore } from '../src/storage/sqlite-store.ts';

const cases = [
  { profile: 'hr-dataset-v14', file: sharedDataPath('hr-dataset-v14', 'HRDataset_v14.csv') },
  { profile: 'hr-promotion', file: sharedDataPath('hr-promotion', 'train.csv') },
];

const rows: Record<string, string | number>[] = [];
for (const c of cases) {
  const dir = mkdtempSync(join(tmpdir(), 'firstline-bench-'));
  const bytes = new Uint8Array(readFileSync(c.file));
  let t = performance.now();
  const outcome = await runImport(bytes, { profile: c.profile, org: 'bench', partial: true });
  const planMs = performance.now() - t;
  if (!outcome.ok) throw new Error(`${c.profile}: ${outcome.reason} ${outcome.message}`);
  const store = createSqliteStore(join(dir, 'firstline.sqlite'));
  const registry = new DocRegistry({ store, logger: silentLogger(), unloadGraceMs: 0 });
  t = performance.now();
  const applied = await applyPlanLive(registry, outcome.plan);
  await registry.closeAll();
  const applyMs = performance.now() - t;
  t = performance.now();
  const again = await applyPlanLive(registry, outcome.plan);
  await registry.closeAll();
  const reapplyMs = performance.now() - t;
  await store.close();
  rows.push({
    profile: c.profile,
    rows: outcome.report.counts.rows,
    'plan ms': Math.round(planMs),
    'apply ms': Math.round(applyMs),
    docs: applied.changed.docs,
    entries: applied.changed.entries,
    're-apply ms': Math.round(reapplyMs),
    're-apply entries': again.changed.entries,
    'db MB': +(statSync(join(dir, 'firstline.sqlite')).size / 1e6).toFixed(1),
    'rss MB': Math.round(process.memoryUsage().rss / 1e6),
  });
  rmSync(dir, { recursive: true, force: true });
}
console.table(rows);
