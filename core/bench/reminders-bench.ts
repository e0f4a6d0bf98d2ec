/**
 * How long the reminder rules take for a large organisation: 5,000 people x 20 goals x 52 weekly
 * check-ins (5.2M check-ins), generated from a fixed seed. Prints one table; the ratio column
 * compares each phase with a plain loop summing every check-in value, so the figures can be read
 * on any machine (other work on the machine slows every phase alike). Heap is the heap in use
 * right after the phase. Run: npx tsx core/bench/reminders-bench.ts
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { indexCheckIns } from '../src/coaching/check-in-index.ts';
import type { CheckIn } from '../src/coaching/check-in.ts';
import { evaluateReminders } from '../src/coaching/evaluate-reminders.ts';
import { ReminderSettings, ReminderState } from '../src/coaching/reminder.ts';
import { seededRandom } from '../src/goals/testing.ts';
import type { Goal } from '../src/model/performance.ts';

const PEOPLE = 5_000;
const GOALS_PER_PERSON = 20;
const WEEKS = 52;
const SEED = 20_251_203;
const TIME_ZONE = 'Europe/Berlin';

function heapMb(): number {
  return process.memoryUsage().heapUsed / 1_048_576;
}

// A full collection before each phase, so no phase pays for the garbage of the one before.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function timed<T>(fn: () => T): { value: T; ms: number; heap: number } {
  collect();
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0, heap: heapMb() };
}

function generate() {
  const rand = seededRandom(SEED);
  const people = Array.from({ length: PEOPLE }, (_, i) => ({
    id: `p${i}`,
    status: 'active' as const,
  }));
  const goals: Goal[] = [];
  const checkIns: CheckIn[] = [];
  const yearStart = Date.UTC(2025, 0, 6, 8); // a Monday, 09:00 in Berlin
  // Timestamps shared between goals, as real check-ins cluster on a few hours of the week:
  // 50 slots a week (Monday to Friday, 10 slots of 20 minutes from 09:00 Berlin).
  const stamps = Array.from({ length: WEEKS * 50 }, (_, k) => {
    const week = Math.floor(k / 50);
    const slot = k % 50;
    const ms =
      yearStart + (week * 7 + Math.floor(slot / 10)) * 86_400_000 + (slot % 10) * 1_200_000;
    return new Date(ms).toISOString();
  });
  const blockers: string[] = [];
  for (let p = 0; p < PEOPLE; p++) {
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
        checkIns.push({
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
  return { people, goals, checkIns };
}

const gen = timed(generate);
const { people, goals, checkIns } = gen.value;

const baseline = timed(() => {
  let sum = 0;
  for (let i = 0; i < checkIns.length; i++) sum += (checkIns[i] as CheckIn).value;
  return sum;
});
const index = timed(() => indexCheckIns(checkIns, TIME_ZONE));
const settings = ReminderSettings.parse({});
const state = ReminderState.parse({});
const now = new Date('2025-12-20T10:00:00+01:00');
const evaluate = timed(() =>
  evaluateReminders({
    now,
    timeZone: TIME_ZONE,
    people,
    goals,
    checkIns: index.value,
    coachingEntries: [],
    state,
    settings,
  }),
);
const endToEnd = timed(() =>
  evaluateReminders({
    now,
    timeZone: TIME_ZONE,
    people,
    goals,
    checkIns,
    coachingEntries: [],
    state,
    settings,
  }),
);

const rows = [
  ['generate', gen],
  ['baseline (sum values)', baseline],
  ['index', index],
  ['evaluate (indexed)', evaluate],
  ['index + evaluate', endToEnd],
] as const;
console.log(
  `reminders bench: ${PEOPLE} people x ${GOALS_PER_PERSON} goals x ${WEEKS} check-ins = ` +
    `${checkIns.length.toLocaleString('en')} check-ins, seed ${SEED}, node ${process.version}`,
);
console.log('| phase | ms | heap MB | x baseline |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, r] of rows) {
  console.log(
    `| ${name} | ${r.ms.toFixed(1)} | ${r.heap.toFixed(0)} | ${(r.ms / baseline.ms).toFixed(1)} |`,
  );
}
const byRule = new Map<string, number>();
for (const r of evaluate.value) byRule.set(r.rule, (byRule.get(r.rule) ?? 0) + 1);
console.log(
  `reminders: ${evaluate.value.length} (${[...byRule].map(([k, v]) => `${k} ${v}`).join(', ')}); baseline sum ${baseline.value.toFixed(1)}`,
);
