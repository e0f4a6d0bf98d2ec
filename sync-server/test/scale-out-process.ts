import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { TEST_SECRET } from './helpers.ts';

const BIN = fileURLToPath(new URL('../bin/firstline.mjs', import.meta.url));

/** A `firstline serve` scale-out instance running in its own process. */
export interface InstanceProcess {
  url: string;
  syncUrl: string;
  child: ChildProcess;
  /** Resolves with the exit signal (or code) once the process is gone. */
  exited: Promise<string>;
}

/** Where a spawned instance finds the shared state. */
export interface InstanceSettings {
  dataDir: string;
  storeUrl: string;
  redisUrl: string;
  schema: string;
  prefix: string;
}

/**
 * Starts the real CLI (`firstline serve --store ... --redis ...`) on port 0 in a child process and
 * resolves once it logs its URL. A child, so a test can SIGKILL it like a crashing machine.
 */
export function spawnInstance(
  settings: InstanceSettings,
  timeoutMs = 20_000,
): Promise<InstanceProcess> {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'serve',
      '--port',
      '0',
      '--data',
      settings.dataDir,
      '--store',
      settings.storeUrl,
      '--redis',
      settings.redisUrl,
    ],
    {
      env: {
        ...process.env,
        FIRSTLINE_JWT_SECRET: TEST_SECRET,
        FIRSTLINE_STORE_SCHEMA: settings.schema,
        FIRSTLINE_REDIS_PREFIX: settings.prefix,
        FIRSTLINE_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`instance did not start in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`instance exited (${how}) before listening: ${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: { msg?: string; url?: string };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (entry.msg === 'firstline server listening' && entry.url !== undefined) {
        clearTimeout(timer);
        const url = entry.url;
        resolve({ url, syncUrl: `${url.replace(/^http/, 'ws')}/sync`, child, exited });
      }
    });
  });
}
