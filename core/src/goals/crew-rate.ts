import { fail, ok, type Result } from '../model/result.ts';
import { allocateLargestRemainder, type SplitFailure } from './largest-remainder.ts';
import { splitByShares, type ShareBasis, type ShareSlot } from './split-total.ts';
import {
  countWorkingDays,
  type CalendarFailure,
  type WorkingCalendar,
  type WorkingDays,
} from './working-calendar.ts';
import { showNumber, type WorkingStep } from './working-step.ts';

/**
 * From a yearly output to what one crew should make on one working day. Line managers run shifts,
 * not years: the yearly number only becomes something a crew can act on once it is divided by the
 * crews and by the days they actually work.
 */

/** One crew's share of the output and its daily targets. */
export interface CrewRate {
  id: string;
  label: string;
  /** The crew's share of the output for the period (crew totals add back to the output). */
  total: number;
  /** total / working days, unrounded: the rate to compare daily actuals against. */
  perDayExact: number;
  /** Daily targets, one per working date (aligned with `workingDays.dates`); they add to `total`. */
  daily: number[];
  /** The smaller daily target; `daysWithExtra` days carry one more unit of 10^-decimals. */
  dailyBase: number;
  daysWithExtra: number;
}

/** The per-crew, per-day breakdown with the working shown. */
export interface CrewRateResult {
  workingDays: WorkingDays;
  crews: CrewRate[];
  /** output / crews / working days, unrounded (equal crews); a headline figure. */
  perCrewPerDayExact: number;
  steps: WorkingStep[];
}

/** Why a per-crew rate cannot be given. */
export type CrewRateFailure = SplitFailure | CalendarFailure | 'no-working-days' | 'bad-crews';

/**
 * Converts the output for a period into units per crew per working day. Working days are the
 * calendar's working weekdays in the period minus its holidays (plus any extra working days).
 * `crews` is a count (equal crews) or a list with a share basis (headcount, last output...). Every
 * split is exact: crew totals add to the output, and each crew's daily targets add to its total,
 * the remainder landing on the earliest working days (said in the steps).
 */
export function ratePerCrewDay(input: {
  output: number;
  periodStart: string;
  periodEnd: string;
  calendar: WorkingCalendar;
  crews: number | readonly ShareSlot[];
  /** What the crews' `basisValue` means, for the working (crew lists only). */
  crewBasis?: ShareBasis;
  decimals: number;
  unitWord?: string;
}): Result<CrewRateResult, CrewRateFailure> {
  const { output, calendar, decimals } = input;
  const unitWord = input.unitWord ?? 'units';
  const days = countWorkingDays(input.periodStart, input.periodEnd, calendar);
  if (!days.ok) return days;
  const wd = days.value;
  if (wd.workingDays === 0) {
    return fail(
      'no-working-days',
      `There are no working days from ${input.periodStart} to ${input.periodEnd}.`,
    );
  }
  const crewSlots: ShareSlot[] =
    typeof input.crews === 'number'
      ? Array.from({ length: input.crews }, (_, i) => ({
          id: `crew-${i + 1}`,
          label: `Crew ${i + 1}`,
          basisValue: 1,
        }))
      : [...input.crews];
  if (
    crewSlots.length === 0 ||
    (typeof input.crews === 'number' && !Number.isInteger(input.crews))
  ) {
    return fail('bad-crews', 'Give a whole number of crews (1 or more) or a list of crews.');
  }

  const steps: WorkingStep[] = [
    {
      code: 'calendar-weekdays',
      text:
        `${input.periodStart} to ${input.periodEnd} has ${wd.calendarDays} calendar day(s), ` +
        `${wd.weekdayCount} of them on working weekdays.`,
      values: { calendarDays: wd.calendarDays, weekdayCount: wd.weekdayCount },
    },
    {
      code: 'calendar-working-days',
      text:
        `Minus ${wd.holidaysOff.length} holiday(s) on working weekdays` +
        (wd.extraDaysOn.length > 0 ? `, plus ${wd.extraDaysOn.length} extra working day(s)` : '') +
        `: ${wd.workingDays} working day(s).`,
      values: {
        holidaysOff: wd.holidaysOff,
        extraDaysOn: wd.extraDaysOn,
        workingDays: wd.workingDays,
      },
    },
  ];
  const perCrewPerDayExact = output / crewSlots.length / wd.workingDays;
  const crewSplit = splitByShares({
    total: output,
    units: crewSlots,
    basis: input.crewBasis ?? 'custom',
    decimals,
  });
  if (!crewSplit.ok) return crewSplit;
  if (typeof input.crews === 'number') {
    steps.push({
      code: 'crews-equal',
      text:
        `${showNumber(output)} ${unitWord} over ${crewSlots.length} equal crew(s): ` +
        `${showNumber(output / crewSlots.length)} each before rounding; ` +
        `${showNumber(output)} / ${crewSlots.length} / ${wd.workingDays} = ` +
        `${showNumber(perCrewPerDayExact)} ${unitWord} per crew per working day.`,
      values: { output, crews: crewSlots.length, workingDays: wd.workingDays, perCrewPerDayExact },
    });
    steps.push(...crewSplit.value.allocation.steps);
  } else {
    steps.push(...crewSplit.value.steps);
  }

  const crews: CrewRate[] = [];
  for (const part of crewSplit.value.parts) {
    const daily = allocateLargestRemainder(
      part.value,
      wd.dates.map(() => 1),
      decimals,
    );
    if (!daily.ok) return daily;
    const values = daily.value.parts;
    const daysWithExtra = daily.value.extraUnitTo.length;
    const dailyBase = Math.min(...values.map(Math.abs)) * Math.sign(part.value || 1);
    crews.push({
      id: part.id,
      label: part.label,
      total: part.value,
      perDayExact: part.value / wd.workingDays,
      daily: values,
      dailyBase,
      daysWithExtra,
    });
    steps.push({
      code: 'crew-daily',
      text:
        `${part.label}: ${showNumber(part.value)} / ${wd.workingDays} = ` +
        `${showNumber(part.value / wd.workingDays)} a day; as targets, ${showNumber(dailyBase)} a day` +
        (daysWithExtra > 0
          ? ` with one more ${decimals === 0 ? 'unit' : (10 ** -decimals).toFixed(decimals)} on the ` +
            `first ${daysWithExtra} working day(s) (${wd.dates[0]} to ${wd.dates[daysWithExtra - 1]}).`
          : ', every day the same.'),
      values: {
        crew: part.id,
        total: part.value,
        workingDays: wd.workingDays,
        perDayExact: part.value / wd.workingDays,
        dailyBase,
        daysWithExtra,
      },
    });
  }
  return ok({ workingDays: wd, crews, perCrewPerDayExact, steps });
}
