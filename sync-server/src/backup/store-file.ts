/**
 * The SQLite file inside a data directory. Equal to `STORE_FILE` of server.ts, repeated here so
 * the offline commands (backup, restore, key rotation) need not load the server module.
 */
export const STORE_FILE_NAME = 'firstline.sqlite';
