import pg from 'pg';
import * as Y from 'yjs';
import type { DocStore, StoredDoc } from './doc-store.ts';

/** Where the PostgreSQL store connects and which schema holds its tables. */
export interface PostgresStoreOptions {
  /** `postgres://user@host:port/db`. */
  url: string;
  /** Schema for the tables (created if missing); default `firstline`. Tests use one each. */
  schema?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

/**
 * A `DocStore` several server processes can share. Beyond the contract it answers the newest
 * sequence number of documents, which lets an instance notice an update it never heard of (its
 * writer died between the commit and the announcement) and reload.
 */
export interface SharedDocStore extends DocStore {
  load(name: string): Promise<StoredDoc>;
  append(name: string, update: Uint8Array): Promise<number>;
  /** The last sequence number appended to each named document that has one. */
  heads(names: string[]): Promise<Map<string, number>>;
}

interface Row {
  kind: number;
  seq: string;
  data: Buffer;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The scale-out store: PostgreSQL with its default synchronous commit, so an update is on disk
 * when `append` resolves, whichever instance wrote it.
 *
 * Sequence numbers come from a per-document counter row (`heads`) bumped in the same statement
 * that inserts the update. The row lock it takes is held until commit, so two instances appending
 * to one document get numbers in commit order with no gaps: an instance that has seen 7 and 9 knows
 * 8 exists. A global sequence would give neither.
 *
 * Compaction merges the given snapshot with the stored snapshot and every stored update it
 * claims to cover. An instance compacts from its own memory, which may lack an update another
 * instance committed a moment ago; merging makes such a compaction harmless instead of a loss.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<SharedDocStore> {
  const schema = options.schema ?? 'firstline';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const t = (table: string): string => `"${schema}".${table}`;
  try {
    await pool.query(`
      CREATE SCHEMA IF NOT EXISTS "${schema}";
      CREATE TABLE IF NOT EXISTS ${t('heads')} (doc text PRIMARY KEY, seq bigint NOT NULL);
      CREATE TABLE IF NOT EXISTS ${t('updates')} (
        doc text NOT NULL, seq bigint NOT NULL, data bytea NOT NULL, PRIMARY KEY (doc, seq));
      CREATE TABLE IF NOT EXISTS ${t('snapshots')} (
        doc text PRIMARY KEY, through_seq bigint NOT NULL, data bytea NOT NULL);
    `);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const loadSql = `
    SELECT 0 AS kind, through_seq AS seq, data FROM ${t('snapshots')} WHERE doc = $1
    UNION ALL
    SELECT 1, u.seq, u.data FROM ${t('updates')} u WHERE u.doc = $1 AND u.seq >
      COALESCE((SELECT through_seq FROM ${t('snapshots')} WHERE doc = $1), 0)
    ORDER BY kind, seq`;
  const appendSql = `
    WITH h AS (
      INSERT INTO ${t('heads')} AS h (doc, seq) VALUES ($1, 1)
      ON CONFLICT (doc) DO UPDATE SET seq = h.seq + 1 RETURNING seq)
    INSERT INTO ${t('updates')} (doc, seq, data) SELECT $1, seq, $2 FROM h RETURNING seq`;

  async function load(name: string): Promise<StoredDoc> {
    // One statement sees one snapshot of the tables: never a compaction half-way.
    const { rows } = await pool.query<Row>(loadSql, [name]);
    return {
      updates: rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.length)),
      lastSeq: rows.length === 0 ? 0 : Number(rows[rows.length - 1]!.seq),
    };
  }

  async function compact(name: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // Compactions of one document (from any instance) take turns; appends are not blocked.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `${schema}/${name}`,
      ]);
      const existing = await client.query<{ through_seq: string; data: Buffer }>(
        `SELECT through_seq, data FROM ${t('snapshots')} WHERE doc = $1`,
        [name],
      );
      const old = existing.rows[0];
      if (old !== undefined && Number(old.through_seq) >= throughSeq) {
        await client.query('COMMIT');
        return;
      }
      const covered = await client.query<{ data: Buffer }>(
        `SELECT data FROM ${t('updates')} WHERE doc = $1 AND seq <= $2 ORDER BY seq`,
        [name, throughSeq],
      );
      const doc = new Y.Doc({ guid: name });
      doc.transact(() => {
        if (old !== undefined) Y.applyUpdate(doc, old.data);
        for (const r of covered.rows) Y.applyUpdate(doc, r.data);
        Y.applyUpdate(doc, snapshot);
      });
      const merged = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      await client.query(
        `INSERT INTO ${t('snapshots')} (doc, through_seq, data) VALUES ($1, $2, $3)
         ON CONFLICT (doc) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data`,
        [name, throughSeq, merged],
      );
      await client.query(`DELETE FROM ${t('updates')} WHERE doc = $1 AND seq <= $2`, [
        name,
        throughSeq,
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    load,
    async append(name, update) {
      const { rows } = await pool.query<{ seq: string }>(appendSql, [name, update]);
      return Number(rows[0]!.seq);
    },
    compact,
    async list(prefix) {
      const { rows } = await pool.query<{ doc: string }>(
        `SELECT doc FROM (
           SELECT doc FROM ${t('heads')} WHERE left(doc, length($1)) = $1
           UNION SELECT doc FROM ${t('snapshots')} WHERE left(doc, length($1)) = $1) d
         ORDER BY doc COLLATE "C"`,
        [prefix],
      );
      return rows.map((r) => r.doc);
    },
    async heads(names) {
      if (names.length === 0) return new Map();
      const { rows } = await pool.query<{ doc: string; seq: string }>(
        `SELECT doc, seq FROM ${t('heads')} WHERE doc = ANY($1)`,
        [names],
      );
      return new Map(rows.map((r) => [r.doc, Number(r.seq)]));
    },
    close: () => pool.end(),
  };
}
