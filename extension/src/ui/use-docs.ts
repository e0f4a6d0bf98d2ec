import { useEffect, useReducer, useRef } from 'preact/hooks';
import type { DocStore, OpenedDoc } from '../store/doc-store.ts';
import { LOCAL_ONLY, type ConnectionState } from '../sync/connection-state.ts';

/** What a component sees of one document: the handle, whether IndexedDB has loaded, the link. */
export interface DocView {
  opened: OpenedDoc;
  loaded: boolean;
  connection: ConnectionState;
}

interface Slot {
  view: DocView;
  stop: () => void;
}

/**
 * Keeps the named documents open while the component is mounted and re-renders it on every
 * change (content, load, connection). When the list of names changes only the difference is
 * opened or released, so a growing team list does not reopen records already on screen. The
 * returned `version` changes with every re-render cause, for use as a memo dependency.
 */
export function useDocs(
  store: DocStore | null,
  names: readonly string[],
): { views: ReadonlyMap<string, DocView>; version: number } {
  const [version, bump] = useReducer((n: number, _: void) => n + 1, 0);
  const slots = useRef(new Map<string, Slot>());
  const key = names.join('\n');

  useEffect(() => {
    const current = slots.current;
    if (!store) return;
    const wanted = new Set(names);
    for (const [name, slot] of current) {
      if (wanted.has(name)) continue;
      slot.stop();
      current.delete(name);
    }
    for (const name of wanted) {
      if (current.has(name)) continue;
      const opened = store.openDoc(name);
      const view: DocView = { opened, loaded: false, connection: opened.connection() };
      const onUpdate = (): void => bump();
      // The store swaps in a fresh doc when the server's copy was restored (4409): follow it.
      let watched = opened.doc;
      watched.on('update', onUpdate);
      const stopConnection = opened.onConnection((state) => {
        view.connection = state;
        if (opened.doc !== watched) {
          watched.off('update', onUpdate);
          watched = opened.doc;
          watched.on('update', onUpdate);
        }
        bump();
      });
      opened.whenLoaded.then(
        () => {
          view.loaded = true;
          view.connection = opened.connection();
          bump();
        },
        () => undefined,
      );
      current.set(name, {
        view,
        stop: () => {
          watched.off('update', onUpdate);
          stopConnection();
          opened.destroy();
        },
      });
    }
    bump();
    // `key` stands for `names`: a new array with the same names must not reopen anything.
  }, [store, key]);

  // Release everything when the store changes (new settings) or the component goes away.
  useEffect(() => {
    const current = slots.current;
    return () => {
      for (const slot of current.values()) slot.stop();
      current.clear();
    };
  }, [store]);

  const views = new Map<string, DocView>();
  for (const [name, slot] of slots.current) views.set(name, slot.view);
  return { views, version };
}

/** The link state of a doc view, or "offline" for a doc that is not open yet. */
export function connectionOf(view: DocView | undefined): ConnectionState {
  return view?.connection ?? LOCAL_ONLY;
}
