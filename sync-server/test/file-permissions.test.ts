import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_FILE } from '../src/server.ts';
import { startTestServer, tempDataDir } from './helpers.ts';

describe('data folder permissions', () => {
  it('the data folder and the SQLite file are readable by their owner only', async () => {
    const data = tempDataDir();
    const dir = join(data.dir, 'fresh');
    const server = await startTestServer(dir);
    try {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, STORE_FILE)).mode & 0o777).toBe(0o600);
    } finally {
      await server.close();
      data.remove();
    }
  });
});
