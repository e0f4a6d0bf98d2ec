import { useEffect, useState } from 'preact/hooks';
import type { Language, Translate } from '../i18n/i18n.ts';
import { asideCopyJson, asideFileName, readAsideCopy } from '../store/aside-copy.ts';
import type { AsideDoc, DocDb } from '../store/doc-db.ts';

/** Saves `text` as a file through a Blob URL and a temporary `<a download>`. */
function saveFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the URL to the download already; revoking later frees the Blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "goals: 3 · notes: 2 · 4.1 KB", or why the copy cannot be read. */
function summary(row: AsideDoc, t: Translate): string {
  const kb = t('aside.size', { kb: (row.update.byteLength / 1024).toFixed(1) });
  try {
    const parts = readAsideCopy(row.update).parts.map((p) => `${p.name}: ${p.count}`);
    return [...parts, kb].join(' · ');
  } catch (error) {
    return t('aside.unreadable', { reason: (error as Error).message });
  }
}

/**
 * Settings → "Copies kept aside": the local copies a server restore set aside (doc-store.ts), so
 * what was written on this device since the backup can be downloaded as JSON, then deleted. The
 * restored banner points here. Deleting asks once more: it is the only copy of that work.
 */
export function AsideCopies(props: {
  db: DocDb;
  t: Translate;
  language: Language;
  /** Changes when the store sets another copy aside, so the list is read again. */
  version?: number;
}) {
  const { db, t } = props;
  const [rows, setRows] = useState<AsideDoc[] | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const reload = (): Promise<void> => db.asideDocs.toArray().then(setRows);
  useEffect(() => void reload(), [db, props.version]);

  const remove = async (id: number): Promise<void> => {
    await db.asideDocs.delete(id);
    setConfirming(null);
    await reload();
  };

  return (
    <section class="aside-copies" data-testid="aside-copies">
      <h3>{t('aside.title')}</h3>
      <p class="muted small">{t('aside.intro')}</p>
      {rows !== null && rows.length === 0 && (
        <p class="muted" data-testid="aside-empty">
          {t('aside.empty')}
        </p>
      )}
      <ul>
        {(rows ?? []).map((row) => (
          <li key={row.id} data-testid="aside-row" data-aside-id={row.id} data-doc={row.name}>
            <strong>{row.name}</strong>
            <br />
            <small>
              {t('aside.when', { when: new Date(row.savedAt).toLocaleString(props.language) })}
            </small>
            <br />
            <small data-testid="aside-summary">{summary(row, t)}</small>
            <div class="actions">
              <button
                type="button"
                data-testid="aside-download"
                onClick={() => saveFile(asideFileName(row), asideCopyJson(row))}
              >
                {t('aside.download')}
              </button>
              {confirming === row.id ? (
                <>
                  <button
                    type="button"
                    class="danger"
                    data-testid="aside-delete-confirm"
                    onClick={() => void remove(row.id as number)}
                  >
                    {t('aside.deleteConfirm')}
                  </button>
                  <button type="button" onClick={() => setConfirming(null)}>
                    {t('aside.cancel')}
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  data-testid="aside-delete"
                  onClick={() => setConfirming(row.id ?? null)}
                >
                  {t('aside.delete')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
