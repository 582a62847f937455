/** Every table the BFF reads or writes: better-auth's and ours, for queries (`import * as t`). */
export * from './auth-schema.js';
export * from './schema.js';
