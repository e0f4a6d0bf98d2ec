/**
 * The main job (`npm start`): starts the sync server on an embedded SQLite store, seeds the demo
 * organisation on the first run (or imports a file given with --import), and prints what a person
 * needs to try Firstline: the server URL, a manager token, an HR token and the extension folder.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { directReports, docName, readDirectory } from '@firstline/core';
import { repoRoot } from '@firstline/fixtures';
import { createLogger, loadSecret, signToken, startServer } from '@firstline/sync-server';
import { importFile } from '@firstline/sync-server/import/import-file';
import {
  formatActualsSummary,
  formatImportSummary,
} from '@firstline/sync-server/cli/format-report';
import { CLI_IMPORT_AUTHOR } from '@firstline/sync-server/cli/import-actuals-command';
import { importActualsFile } from '@firstline/sync-server/import/import-actuals';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8787' },
    data: { type: 'string', default: join(repoRoot, 'data') },
    org: { type: 'string' },
    import: { type: 'string' },
    profile: { type: 'string', default: 'hr-dataset-v14' },
    'profile-file': { type: 'string' },
    'import-actuals': { type: 'string' },
    'actuals-profile': { type: 'string', default: 'garment-productivity' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`npm start [-- options]
  --host HOST            interface (default 127.0.0.1)
  --port PORT            port (default 8787; 0 picks a free one)
  --data DIR             data folder (default ./data)
  --import FILE          import this CSV/XLSX instead of seeding the demo organisation
  --profile NAME         built-in profile for --import (default hr-dataset-v14)
  --profile-file JSON    your own mapping profile for --import
  --import-actuals FILE  also import actuals (CSV/XLSX) as check-ins, adding missing teams/people
  --actuals-profile NAME garment-productivity (default) or sales-actual-vs-target
  --org ORG              organisation id (default demo, or "imported" with --import)`);
  process.exit(0);
}

const org = values.org ?? (values.import ? 'imported' : 'demo');
const dataDir = resolve(values.data);
const logger = createLogger(process.env, process.stderr);
const server = await startServer({
  host: values.host,
  port: Number(values.port),
  dataDir,
  logger,
});

const directoryName = docName({ kind: 'directory', org });
let directory = readDirectory(await server.registry.snapshot(directoryName));

if (values.import || directory.people.size === 0) {
  const file = values.import
    ? resolve(values.import)
    : join(repoRoot, 'fixtures/demo/demo-org.csv');
  const profile = values['profile-file']
    ? (JSON.parse(readFileSync(resolve(values['profile-file']), 'utf8')) as object)
    : values.import
      ? values.profile
      : (JSON.parse(
          readFileSync(join(repoRoot, 'fixtures/demo/demo-profile.json'), 'utf8'),
        ) as object);
  const result = await importFile(server.registry, new Uint8Array(readFileSync(file)), {
    profile: profile as never,
    org,
    dryRun: false,
    partial: false,
    fileName: file,
  });
  console.log(formatImportSummary(result, org));
  if (!result.ok) {
    await server.close();
    process.exit(1);
  }
  directory = readDirectory(await server.registry.snapshot(directoryName));
}

if (values['import-actuals']) {
  const file = resolve(values['import-actuals']);
  // Same path as `firstline import-actuals --create-missing`; a second start writes nothing.
  const result = await importActualsFile(
    server.registry,
    new Uint8Array(readFileSync(file)),
    {
      profile: values['actuals-profile'],
      org,
      dryRun: false,
      partial: false,
      createMissing: true,
      fileName: file,
    },
    { authorId: CLI_IMPORT_AUTHOR, now: new Date() },
  );
  console.log(formatActualsSummary(result, org));
  if (!result.ok) {
    await server.close();
    process.exit(1);
  }
  directory = readDirectory(await server.registry.snapshot(directoryName));
}

// The manager shown first is the one with the most direct reports; HR is the first person whose
// title says so, else the top of the organisation.
const people = [...directory.people.values()];
const manager = people
  .map((p) => ({ person: p, reports: directReports(directory.people, p.id).length }))
  .sort((a, b) => b.reports - a.reports || a.person.name.localeCompare(b.person.name))[0];
const hrPerson =
  people.find((p) => /\b(hr|human resources|people)\b/i.test(p.title)) ??
  people.find((p) => p.managerId === null);
if (!manager || !hrPerson) {
  console.error(`organisation ${org} has no people; nothing to sign in as`);
  await server.close();
  process.exit(1);
}
const secret = loadSecret(dataDir);
const ttl = 30 * 24 * 3600;
const managerToken = await signToken(
  secret,
  { personId: manager.person.id, org, role: 'member' },
  ttl,
);
const hrToken = await signToken(secret, { personId: hrPerson.id, org, role: 'hr' }, ttl);

console.log(`
Firstline is running.

  Server URL      ${server.url}
  Data folder     ${dataDir}
  Extension       ${join(repoRoot, 'extension/.output/chrome-mv3')}
                  (chrome://extensions -> Developer mode -> Load unpacked)

  Manager token   for ${manager.person.name} (${manager.reports} direct reports), valid 30 days:
${managerToken}

  HR token        for ${hrPerson.name}, valid 30 days:
${hrToken}

Paste the server URL and a token into the side panel's settings. Ctrl+C stops the server.
`);

const stop = (): void => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
