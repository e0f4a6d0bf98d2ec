/**
 * Import benchmark: the full HR promotion file (54,808 rows) through readTable + planImport
 * (`runImport`) and `applyImportPlan` into fresh Y.Docs, against a bare papaparse parse of the
 * same bytes as the baseline. Run: `npx tsx core/bench/import-bench.ts`. Flags: `--store-updates`
 * unloads documents as the server does; `node --expose-gc --import tsx core/bench/...` collects
 * garbage between phases. Prints a table and asserts nothing: timings on a shared machine vary
 * too much for that. The two halves of runImport are timed last, so their garbage does not
 * inflate the peak memory of the import itself.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import * as Y from 'yjs';
import { sharedDataPath } from '@firstline/fixtures';
import { applyImportPlan } from '../src/docs/apply-import.ts';
import { hrPromotionProfile } from '../src/import/profiles/hr-promotion.ts';
import { planImport } from '../src/import/plan-import.ts';
import { readTable } from '../src/import/read-table.ts';
import { runImport } from '../src/import/run-import.ts';

interface Row {
  phase: string;
  wallMs: number;
  cpuMs: number;
  rssMb: number;
  peakRssMb: number;
}

const rows: Row[] = [];
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

function measure<T>(phase: string, run: () => T): T {
  gc?.();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  rows.push({
    phase,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    rssMb: mb(process.memoryUsage().rss),
    // maxRSS is the process's peak so far (kilobytes), so it catches peaks inside a phase.
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  });
  return value;
}

async function measureAsync<T>(phase: string, run: () => Promise<T>): Promise<T> {
  let pending: Promise<T> | undefined;
  const started = measure(phase, () => {
    pending = run();
    return pending;
  });
  // The async work finishes after `measure` returns: time it to the end instead.
  const row = rows[rows.length - 1];
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await started;
  if (row) {
    const used = process.cpuUsage(cpu);
    row.wallMs += performance.now() - start;
    row.cpuMs += (used.user + used.system) / 1000;
    row.rssMb = mb(process.memoryUsage().rss);
    row.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  }
  return value;
}

const path = sharedDataPath('hr-promotion', 'train.csv');
const bytes = measure('read file (fs)', () => new Uint8Array(readFileSync(path)));
measure('baseline: papaparse (decode + parse)', () => {
  const parsed = Papa.parse<string[]>(new TextDecoder().decode(bytes), { skipEmptyLines: true });
  if (parsed.data.length !== 54_809) throw new Error(`baseline parsed ${parsed.data.length} rows`);
});
const outcome = await measureAsync('runImport (readTable + planImport)', () =>
  runImport(bytes, { profile: 'hr-promotion', org: 'bench', fileName: 'train.csv' }),
);
if (!outcome.ok) throw new Error(outcome.message);
// Two document stores. The default keeps every Y.Doc in memory (54,809 of them), which is the
// plain "apply into fresh Y.Docs" measure. `--store-updates` behaves like the server: a record
// document is encoded to its update and unloaded once the next one is opened, and reloaded from
// that update when opened again (so its apply phases include encoding and decoding).
const keepDocs = !process.argv.includes('--store-updates');
const docs = new Map<string, Y.Doc>();
const stored = new Map<string, Uint8Array>();
let lastRecord: { name: string; doc: Y.Doc } | null = null;
const open = (name: string): Y.Doc => {
  let doc = docs.get(name);
  if (doc) return doc;
  // A guid spares Yjs 30 random draws per document (its default uuid); the server names docs too.
  doc = new Y.Doc({ guid: name });
  const update = stored.get(name);
  if (update) Y.applyUpdate(doc, update);
  if (keepDocs || name.endsWith('/directory')) {
    docs.set(name, doc);
    return doc;
  }
  if (lastRecord) {
    stored.set(lastRecord.name, Y.encodeStateAsUpdate(lastRecord.doc));
    lastRecord.doc.destroy();
  }
  lastRecord = { name, doc };
  return doc;
};
const flush = (): void => {
  if (lastRecord) stored.set(lastRecord.name, Y.encodeStateAsUpdate(lastRecord.doc));
  lastRecord = null;
};
const applied = measure('applyImportPlan (fresh Y.Docs)', () => {
  const result = applyImportPlan(outcome.plan, open);
  flush();
  return result;
});
const again = measure('applyImportPlan again (no change)', () => {
  const result = applyImportPlan(outcome.plan, open);
  flush();
  return result;
});
// The two halves of runImport, timed apart; their results are dropped before the real run.
await (async () => {
  const table = await measureAsync('  readTable', () =>
    readTable(bytes, { fileName: 'train.csv' }),
  );
  if (!table.ok) throw new Error(table.message);
  measure('  planImport', () => planImport(table.value, hrPromotionProfile, { org: 'bench' }).ok);
})();
const documents = keepDocs ? docs.size : docs.size + stored.size;
const storedBytes = [...stored.values()].reduce((n, u) => n + u.length, 0);

const baseline = rows[1]?.wallMs ?? 1;
const pad = (s: string, n: number): string => s.padEnd(n);
const num = (v: number, n: number): string => v.toFixed(0).padStart(n);
console.log(
  `hr-promotion/train.csv: ${bytes.length} bytes, ${outcome.report.counts.people} people, ` +
    `${documents} documents (${keepDocs ? 'all kept in memory' : `records stored as updates, ${mb(storedBytes)} MB`}), ` +
    `${applied.changed.entries} entries written, second apply wrote ${again.changed.entries}; ` +
    `gc between phases: ${gc ? 'yes' : 'no'}`,
);
console.log(
  `${pad('phase', 40)} ${'wall ms'.padStart(8)} ${'cpu ms'.padStart(8)} ${'RSS MB'.padStart(7)} ` +
    `${'peak MB'.padStart(8)} ${'x base'.padStart(7)}`,
);
for (const r of rows) {
  console.log(
    `${pad(r.phase, 40)} ${num(r.wallMs, 8)} ${num(r.cpuMs, 8)} ${num(r.rssMb, 7)} ` +
      `${num(r.peakRssMb, 8)} ${(r.wallMs / baseline).toFixed(1).padStart(7)}`,
  );
}
const overall = rows
  .filter((r) =>
    [
      'read file (fs)',
      'runImport (readTable + planImport)',
      'applyImportPlan (fresh Y.Docs)',
    ].includes(r.phase),
  )
  .reduce((n, r) => n + r.wallMs, 0);
const peak = Math.max(...rows.filter((r) => !r.phase.startsWith('  ')).map((r) => r.peakRssMb));
console.log(
  `${pad('overall: read + runImport + apply', 40)} ${num(overall, 8)} ${''.padStart(8)} ${''.padStart(7)} ` +
    `${num(peak, 8)} ${(overall / baseline).toFixed(1).padStart(7)}`,
);
console.log(
  `target: under 5000 ms and 500 MB -> ${overall < 5000 && peak < 500 ? 'met' : 'NOT met'}`,
);
