import { describe, expect, it } from 'vitest';
import { toScoreValue, FIVE_STAR } from '../scoring/scale.ts';
import { Rational } from '../scoring/rational.ts';
import { buildFeedbackReport, type ReportInput } from './build-report.ts';
import { compareToUnit } from './compare-to-unit.ts';
import { unitAverages } from './unit-averages.ts';
import { CatalogueEntry, DEFAULT_CATALOGUE } from './suggestion-catalogue.ts';

const absences = {
  key: 'absences',
  label: 'Absences',
  unit: 'days',
  direction: 'decrease' as const,
};
const projects = {
  key: 'projects',
  label: 'Special projects',
  unit: '',
  direction: 'increase' as const,
};
const conversion = {
  key: 'conversion',
  label: 'Conversion',
  unit: '%',
  direction: 'increase' as const,
};

function averagesOf(rows: Record<string, number | null>[]) {
  return unitAverages(rows.map((figures) => ({ unitId: 'u', figures }))).get('u')!;
}

function input(extra: Partial<ReportInput> = {}): ReportInput {
  return {
    cycleId: 'fy26',
    cycleName: 'FY26',
    person: { id: 'p1', name: 'Ada Lovelace' },
    language: 'en',
    today: '2026-12-01',
    score: toScoreValue(Rational.parseExact('4507/1200')!, FIVE_STAR),
    indicators: [absences, projects, conversion],
    actuals: { absences: 9, projects: 4, conversion: 23 },
    unitName: 'Production',
    averages: averagesOf([
      { absences: 9, projects: 4, conversion: 23 },
      { absences: 2, projects: 1, conversion: 20 },
      { absences: 5.5, projects: null, conversion: 20 },
      { absences: 5.5, projects: 1, conversion: 17 },
    ]),
    ...extra,
  };
}

describe('unit averages and comparisons', () => {
  it('F1.1 exact mean over the figures present; a missing one is not a zero', () => {
    const avg = averagesOf([{ x: 0.1 }, { x: 0.2 }, { x: null }, {}]).get('x')!;
    expect(avg.count).toBe(2);
    expect(avg.mean.toExact()).toBe('0.15');
  });

  it('F1.2 percent of the average, whole number, half away from zero; absolute when average 0', () => {
    const avg = averagesOf([{ x: 7 }, { x: 8 }, { x: 9 }]).get('x')!; // 8
    expect(compareToUnit({ ...projects, key: 'x' }, 9, avg).percent).toBe('13'); // 12.5 -> 13
    const zero = averagesOf([{ x: 0 }, { x: 0 }, { x: 0 }]).get('x')!;
    const c = compareToUnit({ ...projects, key: 'x' }, 2, zero);
    expect([c.percent, c.difference, c.verdict]).toEqual([null, '2', 'strength']);
  });

  it('F1.3 direction decides better; the margin decides in line; too few figures: no comparison', () => {
    const avg = averagesOf([{ x: 10 }, { x: 10 }, { x: 10 }]).get('x')!;
    expect(compareToUnit({ ...absences, key: 'x' }, 12, avg).verdict).toBe('gap');
    expect(compareToUnit({ ...absences, key: 'x' }, 8, avg).verdict).toBe('strength');
    expect(compareToUnit({ ...projects, key: 'x' }, 10.4, avg).verdict).toBe('in-line');
    expect(compareToUnit({ ...projects, key: 'x' }, 10.5, avg).verdict).toBe('strength');
    expect(compareToUnit({ ...projects, key: 'x' }, 10.5, avg, { marginPercent: 10 }).verdict).toBe(
      'in-line',
    );
    const two = averagesOf([{ x: 1 }, { x: 2 }]).get('x');
    expect(compareToUnit({ ...projects, key: 'x' }, 5, two).verdict).toBe('no-comparison');
  });
});

describe('feedback report', () => {
  it('F1.4 strengths and gaps are stated against the unit average, largest first', () => {
    const r = buildFeedbackReport(input());
    expect(r.gaps.map((g) => g.text)).toEqual([
      'Absences: 9 days, 64% above the Production average of 5.5 days',
    ]);
    expect(r.strengths.map((s) => s.text)).toEqual([
      'Special projects: 4, 100% above the Production average of 2',
      'Conversion: 23%, 15% above the Production average of 20%',
    ]);
  });

  it('F2.1 catalogue entries are a training, a mentor or a goal, in every report language', () => {
    for (const e of DEFAULT_CATALOGUE) expect(CatalogueEntry.parse(e)).toEqual(e);
    expect(new Set(DEFAULT_CATALOGUE.map((e) => e.kind))).toEqual(
      new Set(['training', 'mentor', 'goal']),
    );
    const entry = { id: 'x', kind: 'mentor', indicatorKeys: ['absences'], text: { en: 'Talk' } };
    expect(CatalogueEntry.safeParse(entry).success).toBe(false);
    const both = { ...entry, text: { en: 'Talk', 'zh-CN': '谈谈' } };
    expect(CatalogueEntry.safeParse(both).success).toBe(true);
    expect(CatalogueEntry.safeParse({ ...both, kind: 'coach' }).success).toBe(false);
    expect(CatalogueEntry.safeParse({ ...both, indicatorKeys: [] }).success).toBe(false);
  });

  it('F2.1 "*" answers a gap no entry names; an own catalogue replaces the default', () => {
    // Conversion 15 against the unit's 18 is a gap, and no default entry names conversion.
    const gap = { actuals: { absences: 2, projects: 4, conversion: 15 } };
    const averages = averagesOf([
      { absences: 2, projects: 4, conversion: 15 },
      { absences: 2, projects: 1, conversion: 20 },
      { absences: 2, projects: null, conversion: 20 },
      { absences: 2, projects: 1, conversion: 17 },
    ]);
    const r = buildFeedbackReport(input({ ...gap, averages }));
    expect(r.gaps.map((g) => g.key)).toEqual(['conversion']);
    expect(r.suggestions.map((x) => x.id)).toEqual(['next-cycle-goal', 'generic-mentor']);
    const zh = buildFeedbackReport(input({ ...gap, averages, language: 'zh-CN' }));
    expect(zh.suggestions[0]?.text).toBe(
      '为下一周期设定目标：将Conversion改善到单位平均水平（18%）',
    );
    const own: CatalogueEntry[] = [
      {
        id: 'sales-clinic',
        kind: 'training',
        indicatorKeys: ['conversion'],
        text: { en: 'Join the sales clinic', 'zh-CN': '参加销售诊所' },
      },
    ];
    const mine = buildFeedbackReport(input({ ...gap, averages, catalogue: own }));
    expect(mine.suggestions.map((x) => `${x.kind}:${x.id}:${x.text}`)).toEqual([
      'training:sales-clinic:Join the sales clinic',
    ]);
  });

  it('F2.2 each gap gets its catalogue entries, then the general ones, at most per gap', () => {
    const r = buildFeedbackReport(input());
    expect(r.suggestions.map((s) => `${s.kind}:${s.id}`)).toEqual([
      'mentor:attendance-talk',
      'training:time-management',
    ]);
    const one = buildFeedbackReport(input({ suggestionsPerGap: 3 }));
    expect(one.suggestions.at(-1)?.text).toBe(
      'Set a goal for next cycle: bring Absences in line with the unit average (5.5 days)',
    );
  });

  it('F3.1 evidence within the cycle, newest first, limited', () => {
    const evidence = [
      { date: '2025-12-30', source: 'coaching' as const, text: 'before the cycle' },
      { date: '2026-03-01', source: 'coaching' as const, text: 'march' },
      { date: '2026-09-01', source: 'note' as const, text: 'september' },
      { date: '2026-05-01', source: 'coaching' as const, text: 'may' },
    ];
    const r = buildFeedbackReport(
      input({ evidence, period: { start: '2026-01-01', end: '2026-12-31' }, evidenceLimit: 2 }),
    );
    expect(r.evidence.map((e) => e.text)).toEqual(['september', 'may']);
    expect(r.body).toContain('- 2026-09-01: september');
  });

  it('F4.1 score, label and the calibration band of the exact score', () => {
    const bands = [
      { key: 'low', label: 'Below', from: 1 },
      { key: 'mid', label: 'Solid', from: 3 },
      { key: 'top', label: 'Top', from: 3.76 },
    ];
    // 4507/1200 = 3.7558..., shown 3.76 but below the top band's 3.76.
    const r = buildFeedbackReport(input({ bands }));
    expect(r.score).toEqual({ display: '3.76', label: 'Meets expectations', band: 'Solid' });
    expect(buildFeedbackReport(input()).score?.band).toBeNull();
    expect(buildFeedbackReport(input({ score: null })).body).toContain('not final yet');
  });

  it('F5.1 the body is rendered in English and in Simplified Chinese', () => {
    const en = buildFeedbackReport(input());
    expect(en.body.split('\n').slice(0, 4)).toEqual([
      'Feedback for Ada Lovelace · FY26',
      '',
      'Hello Ada,',
      'Your score this cycle is 3.76 (Meets expectations).',
    ]);
    const zh = buildFeedbackReport(input({ language: 'zh-CN' }));
    expect(zh.title).toBe('Ada Lovelace 的绩效反馈 · FY26');
    expect(zh.body).toContain('做得好的方面');
    expect(zh.gaps[0]?.text).toBe('Absences：9 days，比Production平均（5.5 days）高 64%');
    expect(zh.suggestions[0]?.text).toBe('与经理约定每月一次出勤沟通，找出影响出勤的原因');
  });

  it('F5.1 the same input gives the same report', () => {
    expect(JSON.stringify(buildFeedbackReport(input()))).toBe(
      JSON.stringify(buildFeedbackReport(input())),
    );
  });
});
