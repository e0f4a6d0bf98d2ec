import {
  directReports,
  docName,
  readDirectory,
  readRecord,
  type Directory,
} from '../core-browser.ts';
import { useMemo } from 'preact/hooks';
import type { TokenClaims } from '../settings/token-claims.ts';
import type { DocStore } from '../store/doc-store.ts';
import { summarizeConnections, type ConnectionState } from '../sync/connection-state.ts';
import { localIsoDate } from '../team/record-edits.ts';
import { teamRows, type RecordSlot, type TeamRow } from '../team/team-rows.ts';
import { connectionOf, useDocs, type DocView } from './use-docs.ts';

/** Everything the panel shows about the signed-in manager's team, recomputed on every change. */
export interface TeamState {
  directory: Directory | null;
  rows: TeamRow[];
  /** Record doc views by person id, for the detail view to edit the same Y.Doc. */
  records: ReadonlyMap<string, DocView>;
  connection: ConnectionState;
}

/** Record document name of a person in the signed-in organisation. */
export function recordName(org: string, person: string): string {
  return docName({ kind: 'person-record', org, person });
}

/**
 * Opens `org/{org}/directory`, then the record document of each direct report, and turns them
 * into rows with core's readers. A record the server refuses shows as such on its row.
 */
export function useTeam(store: DocStore | null, claims: TokenClaims | null): TeamState {
  const directoryName = claims ? docName({ kind: 'directory', org: claims.org }) : null;
  const dir = useDocs(store, directoryName ? [directoryName] : []);
  const dirView = directoryName ? dir.views.get(directoryName) : undefined;

  const directory = useMemo(
    () => (dirView?.loaded ? readDirectory(dirView.opened.doc) : null),
    // `dir.version` changes on every update of the directory doc.
    [dirView, dir.version],
  );
  const reportIds = useMemo(
    () =>
      directory && claims
        ? directReports(directory.people, claims.personId)
            .filter((p) => p.status !== 'terminated')
            .map((p) => p.id)
        : [],
    [directory, claims],
  );
  const names = useMemo(
    () => (claims ? reportIds.map((id) => recordName(claims.org, id)) : []),
    [reportIds, claims],
  );
  const recs = useDocs(store, names);

  return useMemo(() => {
    const records = new Map<string, DocView>();
    const slots = new Map<string, RecordSlot>();
    reportIds.forEach((id, i) => {
      const view = recs.views.get(names[i]!);
      if (!view) return;
      records.set(id, view);
      // Only a refusal of this record hides it; a refused token (4401) refuses every document
      // alike, the banner says so, and the copy in IndexedDB is still the manager's to read.
      const refused = view.connection.status === 'denied' && view.connection.code !== 4401;
      if (refused) slots.set(id, { state: 'denied' });
      else if (view.loaded) {
        // An empty local copy still waiting for its first sync is not "no rating yet": it is
        // unknown, and the row says so with an ellipsis until the server answers.
        const record = readRecord(view.opened.doc);
        const empty =
          record.ratings.size === 0 && record.indicators.size === 0 && record.notes.length === 0;
        if (!(empty && view.connection.status === 'connecting')) {
          slots.set(id, { state: 'loaded', record });
        }
      }
    });
    const rows =
      directory && claims
        ? teamRows(directory, claims.personId, slots, localIsoDate(new Date()))
        : [];
    const connection = summarizeConnections(
      connectionOf(dirView),
      [...records.values()].map((v) => v.connection),
    );
    return { directory, rows, records, connection };
  }, [directory, claims, reportIds, names, recs.views, recs.version, dirView]);
}
