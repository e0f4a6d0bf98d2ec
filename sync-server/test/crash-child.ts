/**
 * The server as its own process, for the crash test: `node --import tsx crash-child.ts DATA_DIR`.
 * Seeds the test directory on first start and prints `READY {syncUrl}` once listening. The test
 * kills it with SIGKILL, so nothing here runs at exit.
 */
import { DIRECTORY_MAPS } from '@firstline/core/docs/directory';
import { seedDirectory, startTestServer } from './helpers.ts';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: crash-child.ts DATA_DIR');
const server = await startTestServer(dataDir, { rateLimits: false });
const directory = await server.registry.snapshot('org/acme/directory');
if (directory.getMap(DIRECTORY_MAPS.people).size === 0) await seedDirectory(server);
process.stdout.write(`READY ${server.syncUrl}\n`);
