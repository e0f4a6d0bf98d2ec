import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n.ts';
import { DistributionBars } from './distribution-bars.tsx';
import { distributionChart } from './distribution-model.ts';

const css = readFileSync(join(import.meta.dirname, '../ui/theme.css'), 'utf8');

/** The declarations of one CSS rule, by its exact selector. */
function rule(selector: string): string {
  const at = css.indexOf(`\n${selector} {`);
  if (at < 0) return '';
  return css.slice(at, css.indexOf('}', at));
}

afterEach(() => render(null, document.body));

describe('HR distribution chart and table layout', () => {
  it('draws department names as page text, not as SVG text that shrinks with the window', () => {
    const chart = distributionChart([
      {
        unitId: 'it',
        name: 'IT/IS',
        headcount: 50,
        rated: 40,
        ratings: [{ label: 'Fully Meets', value: 3, count: 40 }],
        average: 3,
        averageNormalized: 2 / 3,
        scale: { min: 1, max: 4 },
      },
      {
        unitId: 'exec',
        name: 'Executive Office',
        headcount: 1,
        rated: 0,
        ratings: [],
        average: null,
        averageNormalized: null,
        scale: null,
      },
    ]);
    render(<DistributionBars chart={chart} t={translator('en')} />, document.body);
    expect(document.querySelector('[data-testid="hr-chart"] svg')).toBeNull();
    const labels = [...document.querySelectorAll('[data-testid="hr-bar-label"]')];
    expect(labels.map((l) => l.textContent)).toEqual(['IT/IS', 'Executive Office']);
    const fills = [...document.querySelectorAll<HTMLElement>('.hr-bar-fill')];
    expect(fills.map((f) => f.style.width)).toEqual(['100%', '2%']);
    // Labels have a real font size and may wrap; the table scrolls sideways when narrow.
    expect(rule('.hr-bars')).toMatch(/font-size: 13px/);
    expect(rule('.hr-bar-label')).toMatch(/overflow-wrap: anywhere/);
    expect(rule('.table-scroll')).toMatch(/overflow-x: auto/);
    expect(css).not.toMatch(/\.chart svg\s*\{[^}]*width: 100%/);
  });
});
