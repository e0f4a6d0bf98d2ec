/**
 * Review benchmark: scorecards and feedback reports for every person of the HR promotion file
 * (`hr-promotion/train.csv`, 54,808 rows), with indicators taken from its columns, at growing
 * population sizes so the growth of the time is visible. Run: `npx tsx core/bench/review-bench.ts`
 * (`node --expose-gc --import tsx ...` collects garbage between runs). Prints a table and asserts
 * nothing: timings on a shared machine vary too much for that.
 *
 * Per size: `scoreCard` on every card (the one scoring path, S7; the cards share one frame, which
 * it checks once, S7.6, so the warm-up runs leave it known), the same cards through
 * `scoreCohort` (C2.6, checked to give the same final score for everyone), the department
 * averages of every figure (F1.1), and `buildFeedbackReport` for everyone (F1-F5, English).
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { sharedDataPath } from '@firstline/fixtures';
import { scoreCohort } from '../src/cycles/score-cohort.ts';
import { buildFeedbackReport } from '../src/feedback/build-report.ts';
import { unitAverages, type FigureRow } from '../src/feedback/unit-averages.ts';
import type { ScorecardInputJson } from '../src/scoring/input.ts';
import { scoreCard } from '../src/scoring/score-card.ts';

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

const INDICATORS = [
  {
    key: 'kpis-met',
    label: 'KPIs met above 80%',
    direction: 'increase' as const,
    weight: 30,
    standard: { kind: 'pass-fail' as const, threshold: 1 },
  },
  {
    key: 'avg-training-score',
    label: 'Average training score',
    direction: 'increase' as const,
    weight: 35,
    standard: { kind: 'linear' as const, floor: 40, target: 90 },
  },
  {
    key: 'awards',
    label: 'Awards won',
    direction: 'increase' as const,
    weight: 10,
    standard: { kind: 'pass-fail' as const, threshold: 1, failScore: 3 },
  },
  {
    key: 'trainings',
    label: 'Trainings taken',
    unit: 'trainings',
    direction: 'increase' as const,
    weight: 25,
    standard: {
      kind: 'bands' as const,
      bands: [
        { threshold: 1, score: 2 },
        { threshold: 2, score: 3 },
        { threshold: 3, score: 4 },
        { threshold: 4, score: 5 },
      ],
    },
  },
];

interface Person {
  id: string;
  department: string;
  figures: Record<string, number | null>;
  priorRating: number | null;
}

function load(): Person[] {
  const text = readFileSync(sharedDataPath('hr-promotion', 'train.csv'), 'utf8');
  const rows = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: true,
  }).data;
  const num = (s: string | undefined): number | null =>
    s === undefined || s.trim() === '' ? null : Number(s);
  return rows.map((r) => ({
    id: `emp-${r.employee_id}`,
    department: r.department ?? '',
    figures: {
      'kpis-met': num(r['KPIs_met >80%']),
      'avg-training-score': num(r.avg_training_score),
      awards: num(r['awards_won?']),
      trainings: num(r.no_of_trainings),
    },
    priorRating: num(r.previous_year_rating),
  }));
}

function card(p: Person): ScorecardInputJson {
  return {
    rateeId: p.id,
    scale: 'five-star',
    indicators: INDICATORS,
    actuals: p.figures,
    raters: {
      groupWeights: { manager: 1 },
      reviews:
        p.priorRating === null
          ? []
          : [{ reviewerId: 'mgr', group: 'manager', rating: p.priorRating }],
    },
    formula: '0.7 * scorecardScore + 0.3 * manager',
  };
}

interface Row {
  people: number;
  scoreMs: number;
  /** CPU time of this process for the same work: steadier than wall time on a shared machine. */
  scoreCpuMs: number;
  usPerCard: number;
  cohortMs: number;
  cohortCpuMs: number;
  distinctCards: number;
  averagesMs: number;
  reportsMs: number;
  usPerReport: number;
  totalMs: number;
  heapMb: number;
  peakRssMb: number;
}

function cpuMs(from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number {
  return Math.round((to.user - from.user + to.system - from.system) / 1000);
}

function run(people: Person[]): Row {
  gc?.();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const scores = people.map((p) => {
    const r = scoreCard(card(p));
    if (!r.ok) throw new Error(r.message);
    return r.value.final.ok ? r.value.final.score : null;
  });
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const { rateeId: _r, actuals: _a, ...frame } = card(people[0]!);
  const cohort = scoreCohort(
    frame,
    people.map((p) => ({
      rateeId: p.id,
      actuals: p.figures,
      reviews: card(p).raters?.reviews,
    })),
  );
  const tc = performance.now();
  const cc = process.cpuUsage();
  cohort.forEach((r, i) => {
    const s = r.ok && r.value.final.ok ? r.value.final.score : null;
    if (s?.exact !== scores[i]?.exact)
      throw new Error(`scoreCohort disagrees for ${people[i]!.id}`);
  });
  const distinct = new Set(
    cohort.map((r) => (r.ok ? JSON.stringify({ ...r.value, rateeId: '' }) : '')),
  ).size;
  const t1b = performance.now();
  const rows: FigureRow[] = people.map((p) => ({ unitId: p.department, figures: p.figures }));
  const averages = unitAverages(rows);
  const t2 = performance.now();
  let gaps = 0;
  people.forEach((p, i) => {
    const report = buildFeedbackReport({
      cycleId: 'fy18',
      cycleName: 'FY2018',
      person: { id: p.id, name: p.id },
      language: 'en',
      today: '2018-12-01',
      score: scores[i] ?? null,
      indicators: INDICATORS.map((x) => ({ ...x, unit: x.unit ?? '' })),
      actuals: p.figures,
      unitName: p.department,
      averages: averages.get(p.department)!,
    });
    gaps += report.gaps.length;
  });
  const t3 = performance.now();
  if (gaps === 0) throw new Error('no gaps at all: the benchmark is not exercising reports');
  return {
    people: people.length,
    scoreMs: Math.round(t1 - t0),
    scoreCpuMs: cpuMs(c0, c1),
    usPerCard: Math.round(((t1 - t0) * 1000) / people.length),
    cohortMs: Math.round(tc - t1),
    cohortCpuMs: cpuMs(c1, cc),
    distinctCards: distinct,
    averagesMs: Math.round(t2 - t1b),
    reportsMs: Math.round(t3 - t2),
    usPerReport: Math.round(((t3 - t2) * 1000) / people.length),
    // scoreCard path end to end: scoring, averages and reports (the cohort run is extra).
    totalMs: Math.round(t1 - t0 + (t3 - t1b)),
    heapMb: mb(process.memoryUsage().heapUsed),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

const all = load();
const sizes = [1000, 5000, 10000, 25000, all.length];
// Warm-up passes so the first row does not pay for JIT compilation.
run(all.slice(0, 1000));
run(all.slice(0, 5000));
const rows = sizes.map((n) => run(all.slice(0, n)));
// Growth against the 1k row of this same run: x people next to x time for each kind of work, so
// linear growth shows as equal numbers and anything worse stands out.
const base = rows[0]!;
const ratio = (a: number, b: number): string => `x${(a / Math.max(b, 1)).toFixed(1)}`;
const table = rows.map((r) => ({
  ...r,
  xPeople: ratio(r.people, base.people),
  xScore: ratio(r.scoreMs, base.scoreMs),
  xScoreCpu: ratio(r.scoreCpuMs, base.scoreCpuMs),
  xCohort: ratio(r.cohortMs, base.cohortMs),
  xReports: ratio(r.reportsMs, base.reportsMs),
}));
console.log(
  `review benchmark: ${all.length} people in hr-promotion/train.csv, node ${process.version}`,
);
console.table(table);
const first = table[0]!;
const last = table[table.length - 1]!;
console.log(
  `growth 1k -> ${last.people}: x${(last.people / first.people).toFixed(1)} people, ` +
    `scoring x${(last.scoreMs / first.scoreMs).toFixed(1)} time ` +
    `(x${(last.scoreCpuMs / first.scoreCpuMs).toFixed(1)} CPU), ` +
    `cohort scoring x${(last.cohortMs / first.cohortMs).toFixed(1)} time, reports x${(last.reportsMs / first.reportsMs).toFixed(1)} time`,
);
