import { describe, expect, it } from 'vitest';
import { ratePerCrewDay } from './crew-rate.ts';
import { allocateLargestRemainder } from './largest-remainder.ts';
import { splitGrowth } from './split-growth.ts';
import { splitByShares, splitOverPeriods } from './split-total.ts';
import { countWorkingDays, monthsOf, MONDAY_TO_FRIDAY } from './working-calendar.ts';
import { propertySeed, seededRandom } from './testing.ts';

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('largest-remainder split', () => {
  it('splits 1000 over 3 into parts that add back exactly and says where the remainder went', () => {
    const a = unwrap(allocateLargestRemainder(1000, [1, 1, 1], 2, ['Jan', 'Feb', 'Mar']));
    expect(a.parts).toEqual([333.34, 333.33, 333.33]);
    expect(a.partUnits.reduce((x, y) => x + y, 0)).toBe(100000);
    expect(a.extraUnitTo).toEqual([0]);
    expect(a.steps.find((s) => s.code === 'split-remainder')?.text).toContain('Jan');
  });

  it('gives the remainder to the largest fractions, ties to the bigger weight then earlier part', () => {
    expect(unwrap(allocateLargestRemainder(10, [1, 1, 1], 0)).parts).toEqual([4, 3, 3]);
    expect(unwrap(allocateLargestRemainder(10, [2, 5, 3], 0)).parts).toEqual([2, 5, 3]);
    expect(unwrap(allocateLargestRemainder(7, [1, 2, 2], 0)).parts).toEqual([1, 3, 3]);
    expect(unwrap(allocateLargestRemainder(5, [0.3, 0.3, 0.4], 0)).parts).toEqual([2, 1, 2]);
  });

  it('splits negative totals and refuses totals it would have to round', () => {
    expect(unwrap(allocateLargestRemainder(-10, [1, 1, 1], 0)).parts).toEqual([-4, -3, -3]);
    const r = allocateLargestRemainder(10.555, [1, 1], 2);
    expect(r.ok || r.reason).toBe('total-not-representable');
    expect(unwrap(allocateLargestRemainder(1234.56, [1, 2], 2)).totalUnits).toBe(123456);
  });

  it('rejects no parts, negative shares and all-zero shares with reasons', () => {
    const reasons = [
      allocateLargestRemainder(10, [], 0),
      allocateLargestRemainder(10, [1, -1], 0),
      allocateLargestRemainder(10, [0, 0], 0),
      allocateLargestRemainder(10, [1], 12),
    ].map((r) => (r.ok ? 'ok' : r.reason));
    expect(reasons).toEqual(['no-parts', 'bad-weight', 'weights-all-zero', 'bad-decimals']);
  });
});

describe('splitting targets over periods and units', () => {
  it('splits a yearly absolute total over 12 months exactly', () => {
    const months = Array.from({ length: 12 }, (_, i) => ({ id: `m${i + 1}` }));
    const r = unwrap(splitOverPeriods({ total: 100_000, periods: months, decimals: 0 }));
    expect(r.parts.map((p) => p.value)).toEqual([...Array(4).fill(8334), ...Array(8).fill(8333)]);
    expect(r.parts.reduce((a, p) => a + p.value, 0)).toBe(100_000);
    expect(r.steps[0]?.code).toBe('periods-equal');
  });

  it('weights months by their working days', () => {
    const months = unwrap(monthsOf('2026-01-01', '2026-03-31'));
    const periods = months.map((m) => ({
      id: m.id,
      weight: unwrap(countWorkingDays(m.start, m.end, MONDAY_TO_FRIDAY)).workingDays,
    }));
    expect(periods.map((p) => p.weight)).toEqual([22, 20, 22]);
    const r = unwrap(splitOverPeriods({ total: 640, periods, decimals: 0 }));
    expect(r.parts.map((p) => p.value)).toEqual([220, 200, 220]);
  });

  it('splits by headcount and by last output, saying each share', () => {
    const units = [
      { id: 'a', label: 'Team A', basisValue: 12 },
      { id: 'b', label: 'Team B', basisValue: 20 },
      { id: 'c', label: 'Team C', basisValue: 8 },
    ];
    const r = unwrap(splitByShares({ total: 1000, units, basis: 'headcount', decimals: 1 }));
    expect(r.parts.map((p) => p.value)).toEqual([300, 500, 200]);
    expect(r.steps[0]?.text).toContain('Team A 12 of 40 (30.0%)');
    const out = unwrap(splitByShares({ total: 100, units, basis: 'last-output', decimals: 0 }));
    expect(out.parts.map((p) => p.value)).toEqual([30, 50, 20]);
    expect(out.steps[0]?.text).toContain("last period's output");
  });
});

describe('growth split', () => {
  it('+20% a year is +1.667% a month linearly', () => {
    const r = unwrap(
      splitGrowth({ rate: 0.2, periods: 12, method: 'linear', decimals: 3, base: 1000 }),
    );
    expect(r.ratePerPeriodPercent).toBe(1.667);
    expect(r.levels?.[0]).toBeCloseTo(1016.667, 3);
    expect(r.levels?.[11]).toBe(1200);
    expect(r.steps.map((s) => s.code)).toEqual([
      'growth-linear',
      'growth-linear-note',
      'growth-levels',
    ]);
  });

  it('+20% a year is (1.2)^(1/12)-1 = +1.531% a month compounded', () => {
    const r = unwrap(
      splitGrowth({ rate: 0.2, periods: 12, method: 'compound', decimals: 3, base: 1000 }),
    );
    expect(r.ratePerPeriodPercent).toBe(1.531);
    expect((1 + r.ratePerPeriod) ** 12).toBeCloseTo(1.2, 12);
    expect(r.levels?.[11]).toBe(1200);
    expect(r.steps[0]?.text).toContain('1.531%');
  });

  it('refuses a compound fall of 100% or more', () => {
    const r = splitGrowth({ rate: -1, periods: 12, method: 'compound' });
    expect(r.ok || r.reason).toBe('rate-below-minus-100');
  });
});

describe('per crew per working day', () => {
  it('counts weekdays minus holidays, and a weekend holiday comes off once', () => {
    const cal = {
      workingWeekdays: [1, 2, 3, 4, 5],
      holidays: ['2026-01-01', '2026-01-03', '2026-01-01'],
    };
    const wd = unwrap(countWorkingDays('2026-01-01', '2026-01-31', cal));
    expect(wd.weekdayCount).toBe(22);
    expect(wd.holidaysOff).toEqual(['2026-01-01']);
    expect(wd.workingDays).toBe(21);
  });

  it('handles a Saturday-to-Thursday week and a made-up working Sunday', () => {
    const garment = { workingWeekdays: [6, 0, 1, 2, 3, 4], holidays: [] };
    expect(unwrap(countWorkingDays('2015-01-01', '2015-01-31', garment)).workingDays).toBe(26);
    const china = {
      workingWeekdays: [1, 2, 3, 4, 5],
      holidays: ['2026-02-16'],
      extraWorkingDays: ['2026-02-15'],
    };
    const wd = unwrap(countWorkingDays('2026-02-09', '2026-02-22', china));
    expect(wd.extraDaysOn).toEqual(['2026-02-15']);
    expect(wd.workingDays).toBe(10);
  });

  it('turns a yearly output into units per crew per working day, exactly', () => {
    const cal = { workingWeekdays: [1, 2, 3, 4, 5], holidays: ['2026-01-01', '2026-12-25'] };
    const r = unwrap(
      ratePerCrewDay({
        output: 100_000,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        calendar: cal,
        crews: 3,
        decimals: 0,
      }),
    );
    expect(r.workingDays.weekdayCount).toBe(261);
    expect(r.workingDays.workingDays).toBe(259);
    expect(r.perCrewPerDayExact).toBeCloseTo(100_000 / 3 / 259, 10);
    expect(r.crews.map((c) => c.total)).toEqual([33334, 33333, 33333]);
    const first = r.crews[0];
    expect(first?.daily.reduce((a, b) => a + b, 0)).toBe(33334);
    expect(first?.dailyBase).toBe(128);
    expect(first?.daysWithExtra).toBe(33334 - 128 * 259);
    expect(first?.daily[0]).toBe(129);
    expect(
      r.steps.some(
        (s) =>
          s.code === 'crew-daily' && s.text.includes('first 182 working day(s) (2026-01-02 to '),
      ),
    ).toBe(true);
  });

  it('reports a period with no working days and a reversed period', () => {
    const weekend = ratePerCrewDay({
      output: 10,
      periodStart: '2026-01-03',
      periodEnd: '2026-01-04',
      calendar: MONDAY_TO_FRIDAY,
      crews: 1,
      decimals: 0,
    });
    expect(weekend.ok || weekend.reason).toBe('no-working-days');
    const reversed = countWorkingDays('2026-02-01', '2026-01-01', MONDAY_TO_FRIDAY);
    expect(reversed.ok || reversed.reason).toBe('period-reversed');
    expect(countWorkingDays('2026-02-30', '2026-03-01', MONDAY_TO_FRIDAY).ok).toBe(false);
  });
});

describe('decomposition properties (seeded)', () => {
  it('parts always add back to the whole for random totals, shares and decimals', () => {
    const seed = propertySeed();
    const rand = seededRandom(seed);
    try {
      for (let run = 0; run < 2000; run += 1) {
        const decimals = Math.floor(rand() * 4);
        const units =
          Math.floor(rand() * 10 ** (3 + Math.floor(rand() * 9))) * (rand() < 0.2 ? -1 : 1);
        const total = units / 10 ** decimals;
        const n = 1 + Math.floor(rand() * 30);
        const shares: number[] = Array.from({ length: n }, () =>
          rand() < 0.15
            ? 0
            : rand() < 0.5
              ? Math.floor(rand() * 200)
              : Number((rand() * 10).toFixed(Math.floor(rand() * 5))),
        );
        if (!shares.some((s) => s > 0)) shares[0] = 1;
        const a = unwrap(allocateLargestRemainder(total, shares, decimals));
        expect(a.partUnits.reduce((x, y) => x + y, 0)).toBe(units === 0 ? 0 : units);
        a.partUnits.forEach((u, i) => {
          // No part moves more than one unit away from its exact value, and zero shares get nothing.
          expect(Math.abs(u - (a.exact[i] as number) * 10 ** decimals)).toBeLessThan(1 + 1e-6);
          if (shares[i] === 0) expect(u).toBe(0);
        });
        expect(a.parts.every((p, i) => Math.round(p * 10 ** decimals) === a.partUnits[i])).toBe(
          true,
        );
      }
    } catch (error) {
      throw new Error(`split property failed with seed ${seed} (replay: FIRSTLINE_SEED=${seed})`, {
        cause: error,
      });
    }
  });
});

describe('per-crew rate properties (seeded)', () => {
  it('crew totals add to the output and the days of each crew add to its total', () => {
    const seed = propertySeed();
    const rand = seededRandom(seed);
    try {
      for (let run = 0; run < 150; run += 1) {
        const decimals = Math.floor(rand() * 3);
        const output = Math.floor(rand() * 10 ** (2 + Math.floor(rand() * 6))) / 10 ** decimals;
        const start = Date.UTC(2026, 0, 1) + Math.floor(rand() * 300) * 86_400_000;
        const end = start + Math.floor(rand() * 120) * 86_400_000;
        const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
        const holidays = Array.from({ length: 5 }, () =>
          iso(start + Math.floor(rand() * 120) * 86_400_000),
        );
        const weekdays = [0, 1, 2, 3, 4, 5, 6].filter(() => rand() < 0.8);
        const crews =
          rand() < 0.5
            ? 1 + Math.floor(rand() * 6)
            : Array.from({ length: 1 + Math.floor(rand() * 5) }, (_, i) => ({
                id: `c${i}`,
                basisValue: 1 + Math.floor(rand() * 30),
              }));
        const r = ratePerCrewDay({
          output,
          periodStart: iso(start),
          periodEnd: iso(end),
          calendar: { workingWeekdays: weekdays, holidays },
          crews,
          decimals,
        });
        if (!r.ok) {
          expect(r.reason).toBe('no-working-days');
          continue;
        }
        const f = 10 ** decimals;
        const crewUnits = r.value.crews.map((c) => Math.round(c.total * f));
        expect(crewUnits.reduce((a, b) => a + b, 0)).toBe(Math.round(output * f));
        for (const c of r.value.crews) {
          expect(c.daily).toHaveLength(r.value.workingDays.workingDays);
          expect(c.daily.reduce((a, d) => a + Math.round(d * f), 0)).toBe(Math.round(c.total * f));
        }
      }
    } catch (error) {
      throw new Error(
        `crew-rate property failed with seed ${seed} (replay: FIRSTLINE_SEED=${seed})`,
        {
          cause: error,
        },
      );
    }
  });
});
