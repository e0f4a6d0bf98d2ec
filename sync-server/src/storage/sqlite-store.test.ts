import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from '../../test/store-contract.ts';
import { createSqliteStore } from './sqlite-store.ts';

let dir = '';
describeStoreContract('sqlite', {
  open() {
    dir = mkdtempSync(join(tmpdir(), 'firstline-store-'));
    return createSqliteStore(join(dir, 'store.sqlite'));
  },
  async reopen(store) {
    await store.close();
    return createSqliteStore(join(dir, 'store.sqlite'));
  },
  dispose() {
    rmSync(dir, { recursive: true, force: true });
  },
});
