import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n.ts';
import { teamChartSeries } from './team-chart.tsx';

describe('team chart legend (user test)', () => {
  it('labels the date column in the panel language and shows dates without English am/pm', () => {
    const [time, first] = teamChartSeries(['Ana'], translator('zh-CN')('coaching.chartTime'));
    expect(time?.label).toBe('日期');
    expect(time?.label).not.toBe('Time');
    const noon = Date.parse('2026-03-04T12:00:00Z') / 1000;
    const format = time?.value as (u: unknown, v: number | null) => string;
    expect(format(null, noon)).toBe('2026-03-04');
    expect(format(null, null)).toBe('');
    expect(first?.label).toBe('Ana');
  });
});
