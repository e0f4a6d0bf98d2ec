import { Goal } from '../model/performance.ts';

/**
 * Helpers for the goal maths tests (kept out of the package index): a goal builder that fills the
 * schema defaults, and a small seeded PRNG so randomized property tests can be replayed by seed.
 */

/** Builds a valid goal from the fields a test cares about; the rest get plain defaults. */
export function makeGoal(fields: Partial<Goal> & { id: string }): Goal {
  return Goal.parse({
    title: `Goal ${fields.id}`,
    owner: { kind: 'unit', id: 'company' },
    parentId: null,
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    ...fields,
  });
}

/** mulberry32: tiny, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed for a property test: `FIRSTLINE_SEED` when replaying a failure, else a fresh one. */
export function propertySeed(): number {
  const fromEnv = Number(process.env.FIRSTLINE_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0
    ? fromEnv
    : Math.floor(Math.random() * 2 ** 31) + 1;
}
