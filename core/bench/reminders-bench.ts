/**
 * How long the reminder rules take for a large organisation: 5,000 people x 20 goals x 52 weekly
 * check-ins (5.2M check-ins), generated from a fixed seed, in teams of 10 (one source document,
 * hence one column segment, per team, as the background worker holds them).
 *
 * Phases:
 * - load: turning each team's check-in objects into columns (`checkInColumnsFrom`), summed over
 *   the 500 teams. The worker pays this when it reads a document, not at each evaluation.
 * - index: merging the segments into one index grouped by series (`indexCheckInColumns`).
 * - evaluate: every rule over the index (`evaluateReminders`).
 * - per alarm = index + evaluate: what an alarm costs once the documents are loaded.
 * Not included: decoding the Yjs documents from IndexedDB (the objects here are made directly),
 * and showing the notifications. `--objects` adds the older path that indexes 5.2M check-in
 * objects in one go (`indexCheckIns`), for comparison.
 *
 * The ratio column compares each phase with a plain loop summing every value of the columns, so
 * figures can be read on any machine. "heap" is V8's heap in use after the phase, "buffers" the
 * typed-array memory outside it. "first" is the first of 5 runs (a worker woken by an alarm runs
 * cold code), "median" over the 5; load is measured once. CPU time is given next to wall time
 * because the machine is shared with other work.
 *
 * Run bundled, as the extension's worker runs it (tsx turns imports into getters, which costs
 * about a third more in the hot loops):
 *   npx esbuild core/bench/reminders-bench.ts --bundle --platform=node --format=esm \
 *     --outfile=/tmp/reminders-bench.mjs && node /tmp/reminders-bench.mjs [--objects]
 * `npx tsx core/bench/reminders-bench.ts` works too.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  checkInColumnsFrom,
  indexCheckInColumns,
  type CheckInColumns,
} from '../src/coaching/check-in-columns.ts';
import { indexCheckIns } from '../src/coaching/check-in-index.ts';
import type { CheckIn } from '../src/coaching/check-in.ts';
import { evaluateReminders } from '../src/coaching/evaluate-reminders.ts';
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

const rand = seededRandom(SEED);
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
const allObjects: CheckIn[] = [];
const dayOf = createZonedDayOf(TIME_ZONE);
let loadMs = 0;
let loadCpu = 0;
collect();
for (let team = 0; team < PEOPLE / TEAM_SIZE; team++) {
  const objects = teamCheckIns(team, goals);
  if (WITH_OBJECTS) for (const o of objects) allObjects.push(o);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  segments.push(checkInColumnsFrom(objects, TIME_ZONE, dayOf));
  loadMs += performance.now() - t0;
  const c = process.cpuUsage(c0);
  loadCpu += (c.user + c.system) / 1000;
}
// The objects of each team are garbage now (unless --objects keeps them): the worker keeps columns.
const load: Timing = (() => {
  collect();
  return { ms: loadMs, medianMs: loadMs, cpuMs: loadCpu, heap: heapMb(), buffers: buffersMb() };
})();
const checkInCount = segments.reduce((n, s) => n + s.length, 0);

const baseline = timed(() => {
  let sum = 0;
  for (const s of segments) for (let i = 0; i < s.length; i++) sum += s.values[i] as number;
  return sum;
});
const settings = ReminderSettings.parse({});
const state = ReminderState.parse({});
const now = new Date('2025-12-20T10:00:00+01:00');
const index = timed(() => indexCheckInColumns(segments, TIME_ZONE));
const evaluateWith = (checkIns: Parameters<typeof evaluateReminders>[0]['checkIns']) =>
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
const evaluate = timed(() => evaluateWith(index.value));
const perAlarm = timed(() => evaluateWith(indexCheckInColumns(segments, TIME_ZONE)));

const rows: [string, Timing][] = [
  ['load: objects -> columns (once per document read)', load],
  ['baseline (sum values of the columns)', baseline],
  ['index: merge 500 segments', index],
  ['evaluate all rules (indexed)', evaluate],
  ['per alarm: index + evaluate', perAlarm],
];
if (WITH_OBJECTS) {
  rows.push([
    'older path: indexCheckIns(5.2M objects)',
    timed(() => indexCheckIns(allObjects, TIME_ZONE), 1),
  ]);
}
console.log(
  `reminders bench: ${PEOPLE} people x ${GOALS_PER_PERSON} goals x ${WEEKS} check-ins = ` +
    `${checkInCount.toLocaleString('en')} check-ins in ${segments.length} team segments, ` +
    `seed ${SEED}, node ${process.version}`,
);
console.log('| phase | first ms | median ms | median CPU ms | heap MB | buffers MB | x baseline |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [name, r] of rows) {
  console.log(
    `| ${name} | ${r.ms.toFixed(1)} | ${r.medianMs.toFixed(1)} | ${r.cpuMs.toFixed(1)} | ` +
      `${r.heap.toFixed(0)} | ${r.buffers.toFixed(0)} | ${(r.medianMs / baseline.medianMs).toFixed(1)} |`,
  );
}
const byRule = new Map<string, number>();
for (const r of evaluate.value) byRule.set(r.rule, (byRule.get(r.rule) ?? 0) + 1);
console.log(
  `reminders: ${evaluate.value.length} (${[...byRule].map(([k, v]) => `${k} ${v}`).join(', ')}); ` +
    `same as per-alarm run: ${perAlarm.value.length === evaluate.value.length}; ` +
    `baseline sum ${baseline.value.toFixed(1)}`,
);
