import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/**
 * Finds a Chromium the tests can drive: FIRSTLINE_CHROMIUM, then Debian's package, then whatever
 * Playwright has of its own. Fails with a message that says how to install one, rather than
 * Playwright's advice to download a browser (which cannot work without internet).
 */
export function findChromium(): string {
  const candidates = [
    process.env.FIRSTLINE_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium-browser',
  ].filter((p): p is string => typeof p === 'string' && p.length > 0);
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  try {
    const found = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
    if (found) return found;
  } catch {
    // fall through to the error below
  }
  throw new Error(
    'No Chromium found. Run `bash scripts/ensure-chromium.sh` (Debian: apt-get install -y chromium) ' +
      'or set FIRSTLINE_CHROMIUM to a Chromium binary.',
  );
}
