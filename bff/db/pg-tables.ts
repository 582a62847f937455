/** Every table on PostgreSQL, better-auth's and ours: the schema a PostgreSQL handle is opened with (tables.ts's twin). */
export * from './pg-auth-schema.js';
export * from './pg-schema.js';
