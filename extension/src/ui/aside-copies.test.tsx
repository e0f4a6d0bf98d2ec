import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import * as Y from 'yjs';
import { translator } from '../i18n/i18n.ts';
import { createDocDb } from '../store/doc-db.ts';
import { asideCopyJson } from '../store/aside-copy.ts';
import { AsideCopies } from './aside-copies.tsx';

const host = document.createElement('div');
document.body.append(host);
afterEach(() => {
  render(null, host);
  vi.restoreAllMocks();
});

let n = 0;
const NAME = 'org/demo/team/t1/goals';

/** A copy as doc-store.ts sets it aside: a goal written offline after the backup, and a note. */
async function dbWithAside() {
  const db = createDocDb(`firstline-aside-ui-${Date.now()}-${++n}`);
  const doc = new Y.Doc();
  doc.getMap('goals').set('demo:g:old', { id: 'demo:g:old', title: 'Revenue 2026' });
  doc.getMap('goals').set('demo:g:new', { id: 'demo:g:new', title: 'Written after the backup' });
  doc.getArray('notes').push(['offline note']);
  const update = Y.encodeStateAsUpdate(doc);
  const savedAt = Date.UTC(2026, 11, 3, 9, 30);
  const id = await db.asideDocs.add({
    name: NAME,
    epoch: 'e1',
    serverEpoch: 'e2',
    savedAt,
    update,
  });
  return { db, id: id as number };
}

async function until<T>(read: () => T, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition never held');
}

const q = (id: string) => host.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`);

describe('Settings → Copies kept aside (user test: the goal made since the backup was gone)', () => {
  it('lists each copy with its document and what it holds, and downloads it as JSON', async () => {
    const { db } = await dbWithAside();
    render(<AsideCopies db={db} t={translator('en')} language="en" />, host);
    const rows = await until(
      () => q('aside-row'),
      (r) => r.length === 1,
    );
    expect(rows[0]?.dataset.doc).toBe(NAME);
    expect(rows[0]?.textContent).toContain(NAME);
    expect(q('aside-summary')[0]?.textContent).toMatch(/^goals: 2 · notes: 1 · \d+\.\d KB$/);

    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:aside';
    });
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.download);
    });
    q('aside-download')[0]?.click();
    expect(clicked).toHaveLength(1);
    expect(clicked[0]).toMatch(
      /^firstline-aside-org_demo_team_t1_goals-2026-12-03-09-30-00\.json$/,
    );
    const saved = JSON.parse(await blobs[0]!.text()) as {
      document: string;
      content: { goals: Record<string, { title: string }>; notes: string[] };
    };
    expect(saved.document).toBe(NAME);
    expect(saved.content.goals['demo:g:new']?.title).toBe('Written after the backup');
    expect(saved.content.notes).toEqual(['offline note']);
  });

  it('deletes a copy only after a second click, from the database too', async () => {
    const { db, id } = await dbWithAside();
    render(<AsideCopies db={db} t={translator('en')} language="en" />, host);
    await until(
      () => q('aside-delete'),
      (b) => b.length === 1,
    );
    q('aside-delete')[0]?.click();
    await until(
      () => q('aside-delete-confirm'),
      (b) => b.length === 1,
    );
    expect(await db.asideDocs.get(id)).toBeDefined();
    q('aside-delete-confirm')[0]?.click();
    await until(
      () => q('aside-empty'),
      (e) => e.length === 1,
    );
    expect(await db.asideDocs.count()).toBe(0);
  });

  it('the restored banner says where the copies are, in both languages', () => {
    expect(translator('en')('status.restored')).toContain('Settings → Copies kept aside');
    const zh = translator('zh-CN');
    expect(zh('status.restored')).toContain(`${zh('nav.settings')} → ${zh('aside.title')}`);
  });

  it('the downloaded file names when and why the copy was set aside', async () => {
    const { db, id } = await dbWithAside();
    const row = (await db.asideDocs.get(id))!;
    const file = JSON.parse(asideCopyJson(row)) as Record<string, unknown>;
    expect(file).toMatchObject({
      document: NAME,
      keptAside: '2026-12-03T09:30:00.000Z',
      epoch: 'e1',
      serverEpoch: 'e2',
    });
  });
});
