/**
 * Every table the BFF reads or writes, better-auth's and ours, as SQLite defines them: the schema a
 * libSQL handle is opened with, and the canonical types of every handle (handle.ts). The domain
 * reaches tables through its handle (`tablesOf(db)`), never through this module.
 */
export * from './auth-schema.js';
export * from './schema.js';
