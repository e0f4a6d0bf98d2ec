export { startServer, STORE_FILE } from './server.ts';
export type { RunningServer, StartServerOptions } from './server.ts';
export { CloseCode } from './protocol/close-codes.ts';
export type { DocStore, StoredDoc, MaybePromise } from './storage/doc-store.ts';
export { createSqliteStore } from './storage/sqlite-store.ts';
export { signToken, verifyToken, parseTtl } from './auth/tokens.ts';
export { loadSecret } from './auth/secret.ts';
export { createLogger, silentLogger } from './log/logger.ts';
