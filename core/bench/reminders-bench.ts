/**
 * How long the reminder rules take for a large organisation: 5,000 people x 20 goals x 52 weekly
 * check-ins (5.2M check-ins), generated from a fixed seed, in teams of 10 (one source document
 * per team, as the background worker reads them).
 *
 * Two paths from the documents' check-ins to the list of due reminders, same inputs, same output
 * (the bench checks the two lists are equal):
 * - columns (the straightforward path, the baseline): every check-in object of every document
 *   becomes a row of column segments (`checkInColumnsFrom`), the segments are merged
 *   (`indexCheckInColumns`) and every rule runs over the index (`evaluateReminders`). A service
 *   worker is stopped between alarms (30 minutes apart), so each alarm pays all three.
 * - summaries: a few numbers per series (`summarizeCheckIns`: the newest check-ins, the last
 *   confidences), built once per document, kept current as check-ins are added
 *   (`addCheckInToSummary`) and stored between alarms (structured clone, as IndexedDB stores
 *   them). An alarm revives the stored summaries, merges them and evaluates the rules.
 * Not included in either path: reading IndexedDB and decoding the Yjs documents (the objects
 * here are made directly), reading the goals out of the documents, showing notifications. The
 * last two rows measure decoding a few team documents (`Y.applyUpdate`) and reading their
 * check-ins through the schema (`readCheckIns`), scaled to 500 documents: what the worker pays on
 * top today. A worker that syncs must load every document it syncs, so it pays the decoding on
 * either path; stored summaries spare the schema check and the columns of every document whose
 * summary is current, and an offline alarm could skip loading those documents altogether.
 *
 * "heap" is V8's heap in use after the phase, "buffers" typed-array memory outside it; "kept" is
 * what the structure retains once built (heap + buffers, measured with a full collection before
 * and after). "first" is the first of 5 runs (a worker woken by an alarm runs cold code), "median"
 * over the 5; one-off phases are measured once. CPU time is given next to wall time because the
 * machine is shared with other work.
 *
 * Run: `node --expose-gc --import tsx core/bench/reminders-bench.ts` (tsx turns imports into
 * getters, which costs a little in hot loops; bundling with esbuild, as the extension is, avoids
 * that). `--objects` adds the older path that indexes 5.2M check-in objects in one go.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as Y from 'yjs';
import {
  checkInColumnsFrom,
  indexCheckInColumns,
  type CheckInColumns,
  type CheckInRow,
} from '../src/coaching/check-in-columns.ts';
import {
  addCheckInToSummary,
  mergeCheckInSummaries,
  reviveCheckInSummary,
  storableCheckInSummary,
  summarizeCheckIns,
  type CheckInSummary,
  type StoredCheckInSummary,
} from '../src/coaching/check-in-summary.ts';
import { checkInsMap, readCheckIns } from '../src/docs/coaching-docs-check-ins.ts';
import { indexCheckIns } from '../src/coaching/check-in-index.ts';
import type { CheckIn } from '../src/coaching/check-in.ts';
import { evaluateReminders, type ReminderInput } from '../src/coaching/evaluate-reminders.ts';
import { ReminderSettings, ReminderState } from '../src/coaching/reminder.ts';
import { createZonedDayOf } from '../src/coaching/zoned-day.ts';
import { seededRandom } from '../src/goals/testing.ts';
import type { Goal } from '../src/model/performance.ts';

const PEOPLE = 5_000;
const GOALS_PER_PERSON = 20;
const WEEKS = 52;
const TEAM_SIZE = 10;
const SEED = 20_251_203;
const TIME_ZONE = 'Europe/Berlin';
const WITH_OBJECTS = process.argv.includes('--objects');

/** A phase measured once, summed over the documents. */
interface OneOff {
  ms: number;
  cpu: number;
  keptMb: number;
}

function memMb(): number {
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1_048_576;
}

function heapMb(): number {
  return process.memoryUsage().heapUsed / 1_048_576;
}
function buffersMb(): number {
  return process.memoryUsage().arrayBuffers / 1_048_576;
}

// A full collection before each phase, so no phase pays for the garbage of the one before.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

interface Timing {
  /** Wall time of the first run (a freshly woken worker runs cold code). */
  ms: number;
  /** Median wall and CPU time over RUNS runs. */
  medianMs: number;
  cpuMs: number;
  heap: number;
  buffers: number;
  keptMb?: number;
}

const RUNS = 5;

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

// The machine is shared: CPU time next to wall time shows how much of a slow run was waiting.
function timed<T>(fn: () => T, runs = RUNS): { value: T } & Timing {
  const walls: number[] = [];
  const cpus: number[] = [];
  let value: T | undefined;
  for (let r = 0; r < runs; r++) {
    collect();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    value = fn();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  return {
    value: value as T,
    ms: walls[0] as number,
    medianMs: median(walls),
    cpuMs: median(cpus),
    heap: heapMb(),
    buffers: buffersMb(),
  };
}

let rand = seededRandom(SEED);
const yearStart = Date.UTC(2025, 0, 6, 8); // a Monday, 09:00 in Berlin
// Timestamps shared between goals, as real check-ins cluster on a few hours of the week:
// 50 slots a week (Monday to Friday, 10 slots of 20 minutes from 09:00 Berlin).
const stamps = Array.from({ length: WEEKS * 50 }, (_, k) => {
  const week = Math.floor(k / 50);
  const slot = k % 50;
  const ms = yearStart + (week * 7 + Math.floor(slot / 10)) * 86_400_000 + (slot % 10) * 1_200_000;
  return new Date(ms).toISOString();
});
const blockers: string[] = [];

function teamCheckIns(team: number, goals: Goal[]): CheckIn[] {
  const out: CheckIn[] = [];
  for (let p = team * TEAM_SIZE; p < (team + 1) * TEAM_SIZE; p++) {
    for (let g = 0; g < GOALS_PER_PERSON; g++) {
      const id = `p${p}-g${g}`;
      goals.push({
        id,
        title: id,
        owner: { kind: 'person', id: `p${p}` },
        contributors: [],
        parentId: null,
        periodStart: '2025-01-01',
        periodEnd: g % 10 === 0 ? '2025-11-30' : '2025-12-31',
        weight: null,
        status: 'active',
        visibility: 'public',
        kind: 'metric',
        metric: { unit: '', start: 0, target: 100, current: null, direction: 'increase' },
        milestones: [],
      });
      const speed = 0.6 + rand() * 0.6;
      let confidence = 0.5 + rand() * 0.5;
      for (let w = 0; w < WEEKS; w++) {
        confidence = Math.min(1, Math.max(0, confidence + (rand() - 0.55) * 0.2));
        out.push({
          id: `${id}-w${w}`,
          goalId: id,
          keyResultId: null,
          at: stamps[w * 50 + Math.floor(rand() * 50)] as string,
          value: Math.round(((w + 1) / WEEKS) * 100 * speed * 10) / 10,
          confidence: Math.round(confidence * 100) / 100,
          note: '',
          blockers,
          authorId: `p${p}`,
        });
      }
    }
  }
  return out;
}

const people = Array.from({ length: PEOPLE }, (_, i) => ({
  id: `p${i}`,
  status: 'active' as const,
}));
const goals: Goal[] = [];
const segments: CheckInColumns[] = [];
const stored: StoredCheckInSummary[] = [];
const allObjects: CheckIn[] = [];
const dayOf = createZonedDayOf(TIME_ZONE);
// Builds one structure per team from freshly made objects; the objects are garbage afterwards.
function perTeam<T>(
  build: (objects: CheckIn[]) => T,
  keep: (t: T) => void,
  keepObjects = false,
): OneOff {
  rand = seededRandom(SEED);
  goals.length = 0;
  collect();
  const mem0 = memMb();
  let ms = 0;
  let cpu = 0;
  for (let team = 0; team < PEOPLE / TEAM_SIZE; team++) {
    const objects = teamCheckIns(team, goals);
    if (keepObjects) for (const o of objects) allObjects.push(o);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const built = build(objects);
    ms += performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpu += (c.user + c.system) / 1000;
    keep(built);
  }
  collect();
  return { ms, cpu, keptMb: memMb() - mem0 };
}

const columnsLoad = perTeam(
  (objects) => checkInColumnsFrom(objects, TIME_ZONE, dayOf),
  (seg) => segments.push(seg),
  WITH_OBJECTS,
);
const summariesLoad = perTeam(
  (objects) => summarizeCheckIns(objects, TIME_ZONE, dayOf),
  // Kept as stored: the maps are dropped, as they are before going into IndexedDB.
  (summary) => stored.push(storableCheckInSummary(summary)),
);
const checkInCount = segments.reduce((n, s) => n + s.length, 0);

const settings = ReminderSettings.parse({});
const state = ReminderState.parse({});
const now = new Date('2025-12-20T10:00:00+01:00');
const evaluateWith = (checkIns: ReminderInput['checkIns']) =>
  evaluateReminders({
    now,
    timeZone: TIME_ZONE,
    people,
    goals,
    checkIns,
    coachingEntries: [],
    state,
    settings,
  });

const index = timed(() => indexCheckInColumns(segments, TIME_ZONE));
const evaluateIndex = timed(() => evaluateWith(index.value));
const columnsAlarm = timed(() => evaluateWith(indexCheckInColumns(segments, TIME_ZONE)));

// What IndexedDB would do with the summaries: serialise on put, deserialise on get.
const storeOut = timed(() => stored.map((s) => structuredClone(s)), 3);
const reviveMerge = timed(() => mergeCheckInSummaries(structuredClone(stored), TIME_ZONE));
const evaluateSummary = timed(() => evaluateWith(reviveMerge.value));
const summariesAlarm = timed(() =>
  evaluateWith(mergeCheckInSummaries(structuredClone(stored), TIME_ZONE)),
);
// One more week: a check-in on every goal, added to its document's summary as it is written.
const revived = stored.map((s) => reviveCheckInSummary(structuredClone(s)));
const nextWeek = new Date(Date.parse(stamps[stamps.length - 1] as string) + 7 * 86_400_000);
const weekRows: CheckInRow[] = goals.map((g, i) => ({
  id: `${g.id}-w${WEEKS}`,
  goalId: g.id,
  keyResultId: null,
  at: nextWeek.toISOString(),
  value: 50 + (i % 50),
  confidence: 0.5,
}));
const incremental = timed(() => {
  for (let i = 0; i < weekRows.length; i++) {
    addCheckInToSummary(
      revived[Math.floor(i / (TEAM_SIZE * GOALS_PER_PERSON))] as CheckInSummary,
      weekRows[i] as CheckInRow,
      dayOf,
    );
  }
}, 1);

// The Yjs part neither path above includes: a few team documents, encoded and decoded again,
// their check-ins read through the schema (`readCheckIns`), scaled to every team.
const YJS_TEAMS = 4;
const yjs = (() => {
  rand = seededRandom(SEED);
  const updates: Uint8Array[] = [];
  for (let team = 0; team < YJS_TEAMS; team++) {
    const doc = new Y.Doc();
    const map = checkInsMap(doc);
    const objects = teamCheckIns(team, []);
    doc.transact(() => {
      for (const o of objects) map.set(o.id, { ...o });
    });
    updates.push(Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }
  const docs: Y.Doc[] = [];
  const decode = timed(() => {
    for (const u of updates) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, u);
      docs.push(doc);
    }
  }, 1);
  const read = timed(() => docs.reduce((n, doc) => n + readCheckIns(doc).checkIns.length, 0), 1);
  for (const doc of docs) doc.destroy();
  const scale = PEOPLE / TEAM_SIZE / YJS_TEAMS;
  const scaled = (r: Timing): Timing => ({
    ...r,
    ms: r.ms * scale,
    medianMs: r.medianMs * scale,
    cpuMs: r.cpuMs * scale,
  });
  return { decode: scaled(decode), read: { ...scaled(read), value: read.value } };
})();

const columnsPerAlarm = columnsLoad.ms + columnsAlarm.medianMs;
const columnsPerAlarmCpu = columnsLoad.cpu + columnsAlarm.cpuMs;
const oneOff = (o: OneOff, extra: Partial<Timing> = {}): Timing => ({
  ms: o.ms,
  medianMs: o.ms,
  cpuMs: o.cpu,
  heap: NaN,
  buffers: NaN,
  keptMb: o.keptMb,
  ...extra,
});
const rows: [string, Timing][] = [
  ['columns: objects -> columns, 500 documents', oneOff(columnsLoad)],
  ['columns: index (merge 500 segments)', index],
  ['columns: evaluate all rules over the index', evaluateIndex],
  [
    '**columns per alarm: objects -> columns + index + evaluate (baseline)**',
    {
      ms: columnsLoad.ms + columnsAlarm.ms,
      medianMs: columnsPerAlarm,
      cpuMs: columnsPerAlarmCpu,
      heap: columnsAlarm.heap,
      buffers: columnsAlarm.buffers,
      keptMb: columnsLoad.keptMb,
    },
  ],
  ['summaries: objects -> summaries, 500 documents (once)', oneOff(summariesLoad)],
  [`summaries: add ${weekRows.length.toLocaleString('en')} new check-ins`, incremental],
  ['summaries: store (structured clone out, 500)', storeOut],
  ['summaries: load stored (structured clone in) + merge', reviveMerge],
  ['summaries: evaluate all rules over the summary', evaluateSummary],
  ['**summaries per alarm: load stored + merge + evaluate**', summariesAlarm],
  [`not in either: Y.applyUpdate of team docs (${YJS_TEAMS} docs, x 125)`, yjs.decode],
  [`not in either: readCheckIns (schema) of team docs (${YJS_TEAMS} docs, x 125)`, yjs.read],
];
if (WITH_OBJECTS) {
  rows.push([
    'older path: indexCheckIns(5.2M objects)',
    timed(() => indexCheckIns(allObjects, TIME_ZONE), 1),
  ]);
}
console.log(
  `reminders bench: ${PEOPLE} people x ${GOALS_PER_PERSON} goals x ${WEEKS} check-ins = ` +
    `${checkInCount.toLocaleString('en')} check-ins in ${segments.length} documents, ` +
    `seed ${SEED}, node ${process.version}, today ${now.toISOString().slice(0, 10)}`,
);
const mb = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(0));
console.log(
  '| phase | first ms | median ms | median CPU ms | heap MB | buffers MB | kept MB | x baseline |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [name, r] of rows) {
  console.log(
    `| ${name} | ${r.ms.toFixed(1)} | ${r.medianMs.toFixed(1)} | ${r.cpuMs.toFixed(1)} | ` +
      `${mb(r.heap)} | ${mb(r.buffers)} | ${mb(r.keptMb)} | ` +
      `${(r.medianMs / columnsPerAlarm).toFixed(3)} |`,
  );
}
const byRule = new Map<string, number>();
for (const r of evaluateIndex.value) byRule.set(r.rule, (byRule.get(r.rule) ?? 0) + 1);
const same = JSON.stringify(evaluateIndex.value) === JSON.stringify(summariesAlarm.value);
console.log(
  `reminders: ${evaluateIndex.value.length} (${[...byRule].map(([k, v]) => `${k} ${v}`).join(', ')}); ` +
    `summaries path gives the same list: ${same}; ` +
    `check-ins decoded in the Yjs sample: ${yjs.read.value.toLocaleString('en')}`,
);
if (!same) process.exitCode = 1;
