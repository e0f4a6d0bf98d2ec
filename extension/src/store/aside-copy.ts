import * as Y from 'yjs';
import type { AsideDoc } from './doc-db.ts';

/** One top-level map or array of a copy kept aside, counted for the list in Settings. */
export interface AsidePart {
  name: string;
  /** Keys of a map, items of an array. */
  count: number;
}

/** A copy kept aside, read back: its top-level content as plain JSON and a count per part. */
export interface AsideContent {
  content: Record<string, unknown>;
  parts: AsidePart[];
}

/**
 * Reads a copy set aside after a restore (`asideDocs`, doc-db.ts) back into plain data. A Y.Doc
 * rebuilt from an update only knows its top-level names, not whether each is a map or an array:
 * a type with keys is read as a map, any other as an array (the extension's documents hold no
 * top-level text).
 */
export function readAsideCopy(update: Uint8Array): AsideContent {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    const content: Record<string, unknown> = {};
    const parts: AsidePart[] = [];
    for (const [name, type] of [...doc.share.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      if (type._map.size > 0) {
        const map = doc.getMap(name).toJSON();
        content[name] = map;
        parts.push({ name, count: Object.keys(map).length });
      } else {
        const array = doc.getArray(name).toJSON();
        content[name] = array;
        parts.push({ name, count: array.length });
      }
    }
    return { content, parts };
  } finally {
    doc.destroy();
  }
}

/**
 * The file a copy kept aside is downloaded as: which document, when and why it was set aside, and
 * its content, so the user (or an admin) can copy back what was written since the backup.
 */
export function asideCopyJson(row: AsideDoc): string {
  const { content } = readAsideCopy(row.update);
  return JSON.stringify(
    {
      document: row.name,
      keptAside: new Date(row.savedAt).toISOString(),
      epoch: row.epoch,
      serverEpoch: row.serverEpoch,
      content,
    },
    null,
    2,
  );
}

/** A file name for the download: the document name made safe, and the time it was set aside. */
export function asideFileName(row: AsideDoc): string {
  const safe = row.name.replace(/[^A-Za-z0-9._-]+/g, '_');
  const when = new Date(row.savedAt).toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `firstline-aside-${safe}-${when}.json`;
}
