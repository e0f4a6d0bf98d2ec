import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('core imports', () => {
  it('go through core-browser.ts, never the package root that pulls in exceljs', () => {
    const offenders = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'entrypoints'))]
      .filter((path) => !path.endsWith('core-browser.ts'))
      // Tests never ship; they may use core's test helpers directly.
      .filter((path) => !/\.test\.tsx?$/.test(path))
      .filter((path) => /from '@firstline\/core[/']/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(ROOT, path));
    expect(offenders).toEqual([]);
  });
});
