import type { Direction } from '../model/performance.ts';
import type { CalibrationBand } from '../scoring/calibration.ts';
import { Rational } from '../scoring/rational.ts';
import type { ScoreValue } from '../scoring/scale.ts';
import { compareToUnit, type CompareOptions, type Comparison } from './compare-to-unit.ts';
import type {
  FeedbackReport,
  ReportComparison,
  ReportEvidence,
  ReportSuggestion,
} from './feedback-report.ts';
import { fill, type ReportLanguage } from './report-language.ts';
import { REPORT_TEMPLATES } from './report-templates.ts';
import { DEFAULT_CATALOGUE, type CatalogueEntry } from './suggestion-catalogue.ts';
import type { UnitAverage } from './unit-averages.ts';

/** Everything one report is built from; the caller gathers it from the cycle's documents. */
export interface ReportInput {
  cycleId: string;
  cycleName: string;
  person: { id: string; name: string };
  language: ReportLanguage;
  /** The day the report is generated (core has no clock). */
  today: string;
  /** The final score (after calibration), or null when there is none yet. */
  score: ScoreValue | null;
  /** The cycle's calibration bands; the report names the band of the score (F4.1). */
  bands?: readonly CalibrationBand[];
  indicators: readonly { key: string; label: string; unit: string; direction: Direction }[];
  actuals: Readonly<Record<string, number | null | undefined>>;
  /** The name of the unit compared with ("Sales") and its averages by indicator key. */
  unitName: string;
  averages: ReadonlyMap<string, UnitAverage>;
  /** Coaching log entries and record notes; only those within `period` are used (F3.1). */
  evidence?: readonly ReportEvidence[];
  period?: { start: string; end: string };
  catalogue?: readonly CatalogueEntry[];
  compare?: CompareOptions;
  /** Most suggestions per gap (F2.2). Default 2. */
  suggestionsPerGap?: number;
  /** Most evidence lines (F3.1). Default 5. */
  evidenceLimit?: number;
}

/** A unit written after a figure: "%" sticks to it, words get a space, nothing gives nothing. */
export function unitSuffix(unit: string): string {
  if (unit === '') return '';
  return /^[%‰°]/.test(unit) ? unit : ` ${unit}`;
}

/** The band a score falls in (S6.2 placement), or null without bands (F4.1). */
export function bandOf(score: ScoreValue, bands: readonly CalibrationBand[]): string | null {
  if (bands.length === 0) return null;
  const exact = Rational.parseExact(score.exact);
  if (exact === null) return null;
  let found = bands[0]!.label;
  for (const band of bands) if (Rational.fromNumber(band.from).cmp(exact) <= 0) found = band.label;
  return found;
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

function statement(c: Comparison, language: ReportLanguage, unitName: string): string {
  const t = REPORT_TEMPLATES[language];
  const unit = unitSuffix(c.unit);
  const params = {
    label: c.label,
    actual: String(c.actual),
    unit,
    unitName,
    average: c.average ?? '',
    percent: c.percent ?? '',
    difference: (c.difference ?? '').replace(/^-/, ''),
    side: c.side === 'below' ? t.below : t.above,
  };
  if (c.side === 'equal') return fill(t.comparisonEqual, params);
  return fill(c.percent === null ? t.comparisonAbsolute : t.comparisonPercent, params);
}

/** Larger relative differences first; ties (and absolute-only lines) by indicator order. */
function bySize(a: Comparison, b: Comparison): number {
  const pa = a.percent === null ? -1 : Number(a.percent);
  const pb = b.percent === null ? -1 : Number(b.percent);
  return pb - pa;
}

function suggestionsFor(
  gaps: readonly Comparison[],
  catalogue: readonly CatalogueEntry[],
  language: ReportLanguage,
  perGap: number,
): ReportSuggestion[] {
  const out: ReportSuggestion[] = [];
  for (const gap of gaps) {
    const specific = catalogue.filter((e) => e.indicatorKeys.includes(gap.key));
    const general = catalogue.filter((e) => e.indicatorKeys.includes('*'));
    const params = { label: gap.label, average: gap.average ?? '', unit: unitSuffix(gap.unit) };
    for (const entry of [...specific, ...general].slice(0, perGap)) {
      out.push({
        id: entry.id,
        kind: entry.kind,
        indicatorKey: gap.key,
        text: fill(entry.text[language], params),
      });
    }
  }
  return out;
}

function render(
  input: ReportInput,
  parts: Omit<FeedbackReport, 'body' | 'title'> & { title: string },
): string {
  const t = REPORT_TEMPLATES[input.language];
  const lines: string[] = [
    parts.title,
    '',
    fill(t.greeting, { first: firstName(input.person.name) }),
  ];
  if (parts.score === null) lines.push(t.noScore);
  else {
    const params = {
      score: parts.score.display,
      label: parts.score.label ?? '',
      band: parts.score.band ?? '',
    };
    lines.push(fill(parts.score.band === null ? t.score : t.scoreWithBand, params));
  }
  const unitName = { unitName: input.unitName };
  lines.push('', t.strengthsHeading);
  if (parts.strengths.length === 0) lines.push(`- ${fill(t.noStrengths, unitName)}`);
  for (const s of parts.strengths) lines.push(`- ${s.text}`);
  lines.push('', t.gapsHeading);
  if (parts.gaps.length === 0) lines.push(`- ${fill(t.noGaps, unitName)}`);
  for (const g of parts.gaps) lines.push(`- ${g.text}`);
  if (parts.suggestions.length > 0) {
    lines.push('', t.suggestionsHeading);
    for (const s of parts.suggestions) lines.push(`- ${t.suggestionKind[s.kind]}: ${s.text}`);
  }
  if (parts.evidence.length > 0) {
    lines.push('', t.evidenceHeading);
    for (const e of parts.evidence) lines.push(`- ${e.date}: ${e.text}`);
  }
  lines.push('', t.closing);
  return lines.join('\n');
}

/**
 * Builds a feedback report in one call (F1-F5): the score and its band, each indicator compared
 * with the unit's average and sorted into strengths and gaps, suggestions for the gaps from the
 * catalogue, evidence from the coaching log, and the text the manager edits before sending.
 * Pure and deterministic: the same input gives the same report.
 */
export function buildFeedbackReport(input: ReportInput): FeedbackReport {
  const comparisons = input.indicators.flatMap((ind) => {
    const actual = input.actuals[ind.key];
    if (actual === null || actual === undefined || !Number.isFinite(actual)) return [];
    return [compareToUnit(ind, actual, input.averages.get(ind.key), input.compare)];
  });
  const toLine = (c: Comparison): ReportComparison => ({
    key: c.key,
    label: c.label,
    verdict: c.verdict,
    actual: c.actual,
    average: c.average,
    percent: c.percent,
    text: statement(c, input.language, input.unitName),
  });
  const strengths = comparisons.filter((c) => c.verdict === 'strength').sort(bySize);
  const gaps = comparisons.filter((c) => c.verdict === 'gap').sort(bySize);
  const evidence = (input.evidence ?? [])
    .filter((e) => !input.period || (e.date >= input.period.start && e.date <= input.period.end))
    .slice()
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
    .slice(0, input.evidenceLimit ?? 5);
  const score =
    input.score === null
      ? null
      : {
          display: input.score.display,
          label: input.score.label,
          band: bandOf(input.score, input.bands ?? []),
        };
  const parts = {
    cycleId: input.cycleId,
    personId: input.person.id,
    language: input.language,
    generatedOn: input.today,
    title: fill(REPORT_TEMPLATES[input.language].title, {
      name: input.person.name,
      cycle: input.cycleName,
    }),
    score,
    unitName: input.unitName,
    strengths: strengths.map(toLine),
    gaps: gaps.map(toLine),
    suggestions: suggestionsFor(
      gaps,
      input.catalogue ?? DEFAULT_CATALOGUE,
      input.language,
      input.suggestionsPerGap ?? 2,
    ),
    evidence,
  };
  return { ...parts, body: render(input, parts) };
}
