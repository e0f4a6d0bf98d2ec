// Prints the gzip size of the built extension's JavaScript per entry point, as a table.
// Run after `npm run build`; part of `npm run bench`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const out = new URL('../extension/.output/chrome-mv3/', import.meta.url).pathname;
const html = (name) => readFileSync(join(out, name), 'utf8');
const chunksOf = (page) =>
  [...html(page).matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]);

const rows = [];
for (const page of readdirSync(out).filter((f) => f.endsWith('.html'))) {
  const files = chunksOf(page);
  let raw = 0;
  let gz = 0;
  for (const file of files) {
    const bytes = readFileSync(join(out, file));
    raw += statSync(join(out, file)).size;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  rows.push({
    page,
    chunks: files.length,
    'raw KB': (raw / 1024).toFixed(1),
    'gzip KB': (gz / 1024).toFixed(1),
  });
}
console.log('Extension JavaScript per page (Chrome MV3 build)');
console.table(rows);
