import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode } from '../src/protocol/close-codes.ts';
import type { RunningServer } from '../src/server.ts';
import { principals, startTestServer, tempDataDir, tokenFor } from './helpers.ts';

/**
 * Frames whose envelope is valid but whose payload is not: the decoders throw deep inside lib0.
 * Found by a tester: a 6-byte sync step 1 with a broken state vector used to kill the process.
 */
describe('payloads that throw inside the decoders', () => {
  let server: RunningServer | null = null;
  let removeDir: (() => void) | null = null;
  afterEach(async () => {
    await server?.close();
    removeDir?.();
    server = null;
  });

  const frames: Record<string, number[]> = {
    'sync step 1, state vector cut short': [0, 0, 3, 5, 0xff, 0xff],
    'sync step 1, state vector claiming 2e9 entries': [0, 0, 6, 0x80, 0xa8, 0xd6, 0xb9, 0x07, 1],
    'sync step 2, update cut short': [0, 1, 4, 1, 2, 0xff, 0xff],
  };

  for (const [name, frame] of Object.entries(frames)) {
    it(`${name}: closes that connection with 1007 and the server keeps serving`, async () => {
      const data = tempDataDir();
      removeDir = data.remove;
      server = await startTestServer(data.dir);
      const token = await tokenFor(principals.hr1);
      const url = `${server.syncUrl}/org/acme/directory?token=${token}`;
      const bad = new WebSocket(url);
      await new Promise((resolve) => bad.once('open', resolve));
      const closed = new Promise<number>((resolve) => bad.once('close', (code) => resolve(code)));
      bad.send(Uint8Array.from(frame));
      expect(await closed).toBe(CloseCode.invalidMessage);

      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
      const good = new WebSocket(url);
      await new Promise((resolve, reject) => {
        good.once('message', resolve);
        good.once('close', reject);
      });
      good.close();
    });
  }
});
