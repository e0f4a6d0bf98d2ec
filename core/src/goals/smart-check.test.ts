import { describe, expect, it } from 'vitest';
import { checkSmart } from './smart-check.ts';
import { fillTemplate, SMART_TEMPLATES } from './templates.ts';

const good = {
  title: 'Raise first-pass yield from 92% to 96%',
  owner: { kind: 'unit' as const, id: 'line-1' },
  periodStart: '2026-01-01',
  periodEnd: '2026-06-30',
  kind: 'metric' as const,
  metric: { unit: '%', start: 92, target: 96, current: null, direction: 'increase' as const },
};

const codes = (draft: Parameters<typeof checkSmart>[0], ctx = {}) =>
  checkSmart(draft, ctx).map((f) => f.code);

describe('SMART check', () => {
  it('says nothing about a SMART goal', () => {
    expect(checkSmart(good)).toEqual([]);
  });

  it('flags a vague verb with no number and no measure, in English and Chinese', () => {
    const findings = checkSmart({ ...good, title: 'Improve efficiency', metric: null });
    expect(findings.map((f) => f.code)).toEqual(['no-metric', 'vague-verb']);
    expect(findings[1]?.text.en).toContain('"Improve"');
    expect(findings[1]?.text['zh-CN']).toContain('Improve');
    expect(codes({ ...good, title: '提高生产效率', metric: null })).toContain('vague-verb');
    expect(codes({ ...good, title: 'Improve yield to 96%', kind: 'binary', metric: null })).toEqual(
      [],
    );
  });

  it('flags a missing deadline, owner and milestones', () => {
    expect(codes({ ...good, periodEnd: undefined, owner: null })).toEqual([
      'no-deadline',
      'no-owner',
    ]);
    expect(codes({ ...good, kind: 'milestone', metric: null, milestones: [] })).toEqual([
      'no-milestones',
    ]);
  });

  it('flags target equal to start and a direction that contradicts the numbers', () => {
    expect(codes({ ...good, metric: { ...good.metric, target: 92 } })).toEqual([
      'target-equals-start',
    ]);
    expect(codes({ ...good, metric: { ...good.metric, direction: 'decrease' } })).toEqual([
      'direction-conflict',
    ]);
  });

  it('flags periods that are too long or too short, with configurable limits', () => {
    expect(codes({ ...good, periodEnd: '2027-06-30' })).toEqual(['period-too-long']);
    expect(codes({ ...good, periodEnd: '2026-01-05' })).toEqual(['period-too-short']);
    expect(codes({ ...good, periodEnd: '2026-01-05' }, { minDays: 3 })).toEqual([]);
  });
});

describe('SMART templates', () => {
  it('cover the four kinds with English and zh-CN text', () => {
    expect(SMART_TEMPLATES.map((t) => t.id)).toEqual([
      'increase-rate',
      'reduce-count',
      'deliver-milestone',
      'keep-above-threshold',
    ]);
    for (const t of SMART_TEMPLATES) {
      for (const text of Object.values(t.text)) {
        expect(text.name.length).toBeGreaterThan(0);
        expect(text.title).toContain('{date}');
      }
    }
  });

  it('fill to titles that pass the vague-verb check', () => {
    const t = SMART_TEMPLATES[0]!;
    const title = fillTemplate(t, 'en', {
      metric: 'yield',
      start: 92,
      target: 96,
      unit: '%',
      date: '2026-06-30',
    });
    expect(title).toBe('Raise yield from 92% to 96% by 2026-06-30');
    expect(fillTemplate(t, 'zh-CN', { metric: '合格率' })).toContain('{start}');
    expect(codes({ ...good, title, metric: null, kind: 'binary' })).toEqual([]);
  });
});
