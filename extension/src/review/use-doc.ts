import { useMemo } from 'preact/hooks';
import type * as Y from 'yjs';
import type { DocStore } from '../store/doc-store.ts';
import { useDocs, type DocView } from '../ui/use-docs.ts';

/** What a screen needs to know about one document besides its content. */
export interface DocState<T> {
  view: DocView | undefined;
  /** The parsed content once IndexedDB has loaded, else null. */
  value: T | null;
  /** The server refused this document to this user (4403), as opposed to a bad token. */
  refused: boolean;
  synced: boolean;
}

/**
 * Opens several documents and parses each with `read`, keyed by name. A refused document (the
 * server says 4403: a review not submitted yet, a report not released yet) is reported as such
 * so the screen can say why it shows nothing.
 */
export function useParsedDocs<T>(
  store: DocStore | null,
  names: readonly string[],
  read: (doc: Y.Doc) => T,
): Map<string, DocState<T>> {
  const { views, version } = useDocs(store, names);
  return useMemo(() => {
    const out = new Map<string, DocState<T>>();
    for (const name of names) {
      const view = views.get(name);
      const refused = view?.connection.status === 'denied' && view.connection.code === 4403;
      out.set(name, {
        view,
        value: view?.loaded ? read(view.opened.doc) : null,
        refused,
        synced: view?.connection.status === 'synced',
      });
    }
    return out;
    // `version` changes on every update of any of the documents.
  }, [views, version, names.join('\n')]);
}
