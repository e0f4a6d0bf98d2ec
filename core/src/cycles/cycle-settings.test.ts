import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readDirectory } from '../docs/directory.ts';
import { moveCyclePhase, plannedPhase, readCycles, saveCycle } from './cycle-directory.ts';
import { validateCycleSettings } from './cycle-settings.ts';
import { testSettingsJson } from './testing.ts';

function reasons(result: { ok: boolean; details?: unknown }): string[] {
  const issues = (result.details as { issues?: { reason: string }[] } | undefined)?.issues ?? [];
  return issues.map((i) => i.reason);
}

describe('cycle settings', () => {
  it('C1.1 valid settings pass and keep their templates', () => {
    const r = validateCycleSettings(testSettingsJson());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.templates.map((t) => t.id)).toEqual(['sales', 'default']);
  });

  it('C1.1 template weights a hair off 100 are refused with the template path', () => {
    const json = testSettingsJson();
    json.templates![1]!.indicators[1]!.weight = 59.99;
    const r = validateCycleSettings(json);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('weights-sum-not-100');
      expect(r.message).toContain('templates[1].indicators');
      expect(r.message).toContain('99.99');
    }
  });

  it('C1.1 a formula that may divide by zero is refused when saved', () => {
    const r = validateCycleSettings(testSettingsJson({ formula: 'manager / (self - 3)' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(reasons(r)).toContain('formula-division-may-be-zero');
  });

  it('C1.1 indicators and weighted raters without a formula are refused', () => {
    const json = testSettingsJson();
    delete json.formula;
    const r = validateCycleSettings(json);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(reasons(r)).toContain('formula-required');
  });

  it('C1.1 a formula naming an unknown part is refused', () => {
    const r = validateCycleSettings(testSettingsJson({ formula: 'managr * 1' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('formula-unknown-part');
  });

  it('C1.2 phases out of order or outside the cycle are refused', () => {
    const r = validateCycleSettings(
      testSettingsJson({
        phases: {
          'self-review': { start: '2026-11-01', end: '2026-11-20' },
          'peer-manager-review': { start: '2026-11-10', end: '2027-01-10' },
        },
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(reasons(r)).toEqual(['phase-outside-cycle', 'phases-out-of-order']);
      expect(r.message).toContain('phases.peer-manager-review');
    }
  });

  it('C1.2 plannedPhase names the phase whose dates contain today', () => {
    const s = validateCycleSettings(testSettingsJson());
    if (!s.ok) throw new Error(s.message);
    expect(plannedPhase(s.value, '2026-11-20')).toBe('peer-manager-review');
    expect(plannedPhase(s.value, '2026-06-01')).toBeNull();
  });
});

describe('cycles in the directory', () => {
  it('C1.1 a saved cycle is read back in full, and the directory reader sees its phase', () => {
    const doc = new Y.Doc();
    expect(saveCycle(doc, testSettingsJson()).ok).toBe(true);
    expect(readCycles(doc).cycles.get('fy26')?.groupWeights).toEqual({
      manager: 60,
      peers: 30,
      self: 10,
    });
    expect(readDirectory(doc).cycles.get('fy26')?.phase).toBe('goal-setting');
  });

  it('C1.2 phases move forwards only', () => {
    const doc = new Y.Doc();
    saveCycle(doc, testSettingsJson());
    expect(moveCyclePhase(doc, 'fy26', 'self-review').ok).toBe(true);
    const back = moveCyclePhase(doc, 'fy26', 'mid-year');
    expect(back.ok ? null : back.reason).toBe('phase-backwards');
    expect(readDirectory(doc).cycles.get('fy26')?.phase).toBe('self-review');
  });

  it('C1.4 nothing changes in a closed cycle', () => {
    const doc = new Y.Doc();
    saveCycle(doc, testSettingsJson());
    expect(moveCyclePhase(doc, 'fy26', 'closed').ok).toBe(true);
    const save = saveCycle(doc, testSettingsJson({ name: 'Renamed' }));
    expect(save.ok ? null : save.reason).toBe('cycle-closed');
    const move = moveCyclePhase(doc, 'fy26', 'closed');
    expect(move.ok ? null : move.reason).toBe('cycle-closed');
    expect(readCycles(doc).cycles.get('fy26')?.name).toBe('FY26 annual review');
  });
});
