import { z } from 'zod';
import type { Directory } from '../docs/directory.ts';
import { Id, IsoDate } from '../model/ids.ts';
import type { Result } from '../model/result.ts';
import { fail, ok } from '../model/result.ts';
import { CalibrationBand } from '../scoring/calibration.ts';
import { Indicator } from '../scoring/input.ts';
import { RaterGroup } from '../scoring/raters.ts';
import { RatingScale } from '../scoring/scale.ts';
import { cycleScale, type CycleSettings } from './cycle-settings.ts';
import { cyclePopulation, templateFor } from './population.ts';

/**
 * What a person's scorecard is measured against, frozen when the cycle starts (C2.2): their
 * title, unit and manager then, and the template and scoring settings of the cycle then. A later
 * promotion or a template edit does not rewrite a card already created.
 */
export const ScorecardSnapshot = z.object({
  cycleId: Id,
  personId: Id,
  name: z.string(),
  title: z.string(),
  jobFamily: z.string(),
  unitId: Id.nullable(),
  unitName: z.string(),
  managerId: Id.nullable(),
  takenOn: IsoDate,
  templateId: Id.nullable(),
  templateLabel: z.string(),
  scale: RatingScale,
  indicators: z.array(Indicator),
  groupWeights: z.partialRecord(RaterGroup, z.number().nonnegative()),
  anonymity: z.object({ peers: z.number().int().min(1), upward: z.number().int().min(1) }),
  formula: z.string().nullable(),
  bands: z.array(CalibrationBand),
});
export type ScorecardSnapshot = z.infer<typeof ScorecardSnapshot>;

/** Takes the snapshot of one person (C2.2); refuses someone the directory does not list. */
export function takeSnapshot(
  directory: Directory,
  settings: CycleSettings,
  personId: string,
  today: string,
): Result<ScorecardSnapshot, 'unknown-person'> {
  const person = directory.people.get(personId);
  if (!person) return fail('unknown-person', `${personId} is not in the directory`);
  const template = templateFor(directory, settings, person);
  return ok({
    cycleId: settings.id,
    personId,
    name: person.name,
    title: person.title,
    jobFamily: person.jobFamily,
    unitId: person.unitId,
    unitName: person.unitId === null ? '' : (directory.units.get(person.unitId)?.name ?? ''),
    managerId: person.managerId,
    takenOn: today,
    templateId: template?.id ?? null,
    templateLabel: template?.label ?? '',
    scale: cycleScale(settings),
    indicators: template?.indicators ?? [],
    groupWeights: settings.groupWeights,
    anonymity: settings.anonymity,
    formula: settings.formula ?? null,
    bands: settings.bands,
  });
}

/**
 * Bulk creation (C2.3): a snapshot for everyone in the population who has no scorecard yet, made
 * before anyone has rated. `existing` holds the people whose cards exist, which are left alone.
 */
export function planScorecards(
  directory: Directory,
  settings: CycleSettings,
  today: string,
  existing: ReadonlySet<string> = new Set(),
): ScorecardSnapshot[] {
  const out: ScorecardSnapshot[] = [];
  for (const person of cyclePopulation(directory, settings)) {
    if (existing.has(person.id)) continue;
    const snap = takeSnapshot(directory, settings, person.id, today);
    if (snap.ok) out.push(snap.value);
  }
  return out;
}
