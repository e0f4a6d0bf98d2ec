import pg from 'pg';
import { describe } from 'vitest';
import { describeStoreContract } from '../../test/store-contract.ts';
import { registerMissingServices, serviceUrls, uniqueSchema } from '../../test/services.ts';
import { createPostgresStore } from './postgres-store.ts';

const urls = serviceUrls();
if (urls === null) {
  describe('DocStore contract: postgres', () => registerMissingServices('postgres store contract'));
} else {
  const url = urls.pg;
  let schema = '';
  describeStoreContract('postgres', {
    open() {
      schema = uniqueSchema('contract');
      return createPostgresStore({ url, schema, poolSize: 2 });
    },
    async reopen(store) {
      await store.close();
      return createPostgresStore({ url, schema, poolSize: 2 });
    },
    async dispose() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  });
}
