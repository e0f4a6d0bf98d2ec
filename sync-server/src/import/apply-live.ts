import { applyImportPlan, type ApplyImportResult } from '@firstline/core/docs/apply-import';
import { docName } from '@firstline/core/docs/names';
import type { ImportPlan } from '@firstline/core/import/index';
import type * as Y from 'yjs';
import type { DocRegistry } from '../documents/doc-registry.ts';
import type { SharedDoc } from '../documents/shared-doc.ts';

/** How many person records are applied while their documents are held in memory together. */
export const IMPORT_BATCH = 500;

/**
 * Applies an import plan to live documents through the registry, so every change takes the same
 * path as a client's edit: committed to the store by the document's update handler, then relayed to
 * connected clients. Records go in batches: a 50,000-person file must not hold 50,000 documents
 * in memory at once. Documents that nobody else holds are unloaded as soon as their batch is done.
 */
export async function applyPlanLive(
  registry: DocRegistry,
  plan: ImportPlan,
  batchSize = IMPORT_BATCH,
): Promise<ApplyImportResult> {
  const total = { docs: 0, entries: 0 };
  const org = plan.org.id;
  const recordName = (personId: string): string =>
    docName({ kind: 'person-record', org, person: personId });
  // The directory stays loaded for the whole import: it is large, and every batch writes to it.
  const directory = await registry.acquire(docName({ kind: 'directory', org }));
  try {
    for (let start = 0; start === 0 || start < plan.records.length; start += batchSize) {
      const records = plan.records.slice(start, start + batchSize);
      // The directory part is written with the first batch; later batches carry records only,
      // and `applyImportPlan` writes nothing for entries already equal.
      const part: ImportPlan =
        start === 0
          ? { ...plan, records }
          : { ...plan, units: [], regions: [], people: [], records };
      const held = new Map<string, SharedDoc>([[directory.name, directory]]);
      const loaded: SharedDoc[] = [];
      try {
        const names = records.map((r) => recordName(r.personId));
        for (const shared of await Promise.all(names.map((n) => registry.acquire(n)))) {
          held.set(shared.name, shared);
          loaded.push(shared);
        }
        // One durable commit per batch instead of one per person (an fsync each).
        const result = registry.batch(() =>
          applyImportPlan(part, (name): Y.Doc => {
            const shared = held.get(name);
            if (shared === undefined)
              throw new Error(`import plan opened an unexpected doc ${name}`);
            return shared.doc;
          }),
        );
        total.docs += result.changed.docs;
        total.entries += result.changed.entries;
        await Promise.all([...held.values()].map((s) => s.flushed()));
      } finally {
        for (const shared of loaded) registry.release(shared, { unloadNow: true });
      }
    }
  } finally {
    registry.release(directory);
  }
  return { changed: total };
}
