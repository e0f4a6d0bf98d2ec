import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from '@firstline/fixtures';
import { FIRSTLINE_BIN as CLI, runFirstline } from '@firstline/fixtures/firstline-process';

/** A free TCP port on loopback, so a restarted server can come back on the same address. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The real server as a separate process (`firstline serve`), as a person would run it: end-to-end
 * tests stop and restart it to take the side panel offline and back.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private logs: string[] = [];

  constructor(
    readonly port: number,
    readonly dataDir: string,
    readonly secret: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the process and resolves once it logs that it listens. */
  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [CLI, 'serve', '--port', String(this.port), '--data', this.dataDir],
      {
        env: { ...process.env, FIRSTLINE_JWT_SECRET: this.secret, FIRSTLINE_LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not start:\n${this.logs.join('')}`)),
        30_000,
      );
      const onData = (chunk: Buffer): void => {
        const text = chunk.toString();
        this.logs.push(text);
        if (text.includes('firstline server listening')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => this.logs.push(chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${this.logs.join('')}`));
      });
    });
  }

  /** Stops the process with SIGTERM (clean shutdown) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

/** Runs `firstline ARGS` to completion and returns its exit code and output. */
export const runCli = runFirstline;

/** Imports the demo organisation (`fixtures/demo`) into a running server as `org`, with HR's token. */
export function importDemoOrg(
  serverUrl: string,
  org: string,
  hrToken: string,
  extra: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return runFirstline([
    'import',
    join(repoRoot, 'fixtures/demo/demo-org.csv'),
    '--profile-file',
    join(repoRoot, 'fixtures/demo/demo-profile.json'),
    '--org',
    org,
    '--server',
    serverUrl,
    '--token',
    hrToken,
    ...extra,
  ]);
}
