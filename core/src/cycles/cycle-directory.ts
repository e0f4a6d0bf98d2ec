import type * as Y from 'yjs';
import { DIRECTORY_MAPS, type InvalidEntry } from '../docs/directory.ts';
import type { CyclePhase } from '../model/org.ts';
import type { Result } from '../model/result.ts';
import { fail, ok } from '../model/result.ts';
import { CYCLE_PHASES, CycleSettings, validateCycleSettings } from './cycle-settings.ts';

/** Why a change to a cycle was refused. */
export type CycleChangeProblem = 'cycle-closed' | 'unknown-cycle' | 'phase-backwards' | string;

/**
 * Reads every cycle of the directory with the full settings schema (C1.1). The directory's own
 * reader sees the same entries through `ReviewCycle` (id, name, dates, phase) and drops the rest.
 */
export function readCycles(directoryDoc: Y.Doc): {
  cycles: Map<string, CycleSettings>;
  invalid: InvalidEntry[];
} {
  const cycles = new Map<string, CycleSettings>();
  const invalid: InvalidEntry[] = [];
  directoryDoc.getMap<unknown>(DIRECTORY_MAPS.cycles).forEach((raw, key) => {
    const parsed = CycleSettings.safeParse(raw);
    if (parsed.success) cycles.set(key, parsed.data);
    else invalid.push({ map: 'cycles', key, message: parsed.error.issues[0]?.message ?? '' });
  });
  return { cycles, invalid };
}

function current(directoryDoc: Y.Doc, id: string): CycleSettings | null {
  const parsed = CycleSettings.safeParse(
    directoryDoc.getMap<unknown>(DIRECTORY_MAPS.cycles).get(id),
  );
  return parsed.success ? parsed.data : null;
}

/**
 * Creates or replaces a cycle's settings (C1.1, C1.4): validated first, and refused when the
 * stored cycle is closed, because nothing may change in a closed cycle.
 */
export function saveCycle(
  directoryDoc: Y.Doc,
  input: unknown,
): Result<CycleSettings, CycleChangeProblem> {
  const checked = validateCycleSettings(input);
  if (!checked.ok) return checked;
  const before = current(directoryDoc, checked.value.id);
  if (before?.phase === 'closed') return fail('cycle-closed', `${before.name} is closed`);
  directoryDoc.getMap<unknown>(DIRECTORY_MAPS.cycles).set(checked.value.id, checked.value);
  return ok(checked.value);
}

/**
 * Moves a cycle to another phase (C1.2): forwards only, one or more steps, and never out of
 * `closed` (C1.4). Moving back would reopen reviews people were told are final.
 */
export function moveCyclePhase(
  directoryDoc: Y.Doc,
  id: string,
  to: CyclePhase,
): Result<CycleSettings, CycleChangeProblem> {
  const before = current(directoryDoc, id);
  if (!before) return fail('unknown-cycle', `no cycle ${id}`);
  if (before.phase === 'closed') return fail('cycle-closed', `${before.name} is closed`);
  if (CYCLE_PHASES.indexOf(to) < CYCLE_PHASES.indexOf(before.phase)) {
    return fail('phase-backwards', `${before.name} cannot go back from ${before.phase} to ${to}`);
  }
  const next = { ...before, phase: to };
  directoryDoc.getMap<unknown>(DIRECTORY_MAPS.cycles).set(id, next);
  return ok(next);
}

/** The phase whose planned dates contain `today`, or null (C1.2); a hint, never automatic. */
export function plannedPhase(settings: CycleSettings, today: string): CyclePhase | null {
  for (const phase of CYCLE_PHASES) {
    const d = settings.phases[phase];
    if (d && d.start <= today && today <= d.end) return phase;
  }
  return null;
}
