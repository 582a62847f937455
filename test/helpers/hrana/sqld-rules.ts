/**
 * sqld's statement rules: which statements a remote libSQL server runs and which it refuses, and
 * how it classifies the ones it runs. This follows `StmtKind::kind` and `pragma_kind` in
 * tursodatabase/libsql `libsql-server/src/query_analysis.rs`, which sqld applies to every
 * statement before executing anything: a statement it cannot classify is refused with
 * `SQL_PARSE_ERROR` "SQL string could not be parsed: unsupported statement: <the SQL text>".
 *
 * In short (see the source for the full table):
 * - SELECT/VALUES, EXPLAIN, INSERT/REPLACE/UPDATE/DELETE (also after WITH), CREATE/DROP TABLE,
 *   INDEX, TRIGGER, VIEW, CREATE VIRTUAL TABLE, ALTER TABLE, REINDEX, BEGIN/COMMIT/END/ROLLBACK,
 *   SAVEPOINT/RELEASE, ATTACH <identifier>, DETACH: accepted.
 * - TEMP tables, triggers and views, VACUUM, ANALYZE, ATTACH '<file>', writes to sqld's reserved
 *   tables: refused.
 * - PRAGMA: read-only ones (table_info, index_list, …) and foreign_keys, user_version,
 *   integrity_check, data_version, … accepted with or without a value; journal_mode,
 *   busy_timeout, cache_size, synchronous, wal_autocheckpoint, … accepted only without a value
 *   (a query); wal_checkpoint, optimize, incremental_vacuum, … and unknown pragmas refused.
 */
import { parameterInfo, splitStatements, type ParameterInfo, type StatementText, type Token } from './sql-text.js';

export type StmtKind = 'TxnBegin' | 'TxnEnd' | 'Read' | 'Write' | 'Savepoint' | 'Release' | 'Attach' | 'Detach' | 'DDL';

export interface SqldStatement {
  /** The text sqld prepares for this statement. */
  sql: string;
  /** Where `sql` starts in the SQL text it came from. */
  start: number;
  tokens: Token[];
  kind: StmtKind;
  /** INSERT, UPDATE or DELETE: sqld reports `changes()` only for these (program.rs). */
  isIud: boolean;
  /** INSERT: sqld reports `last_insert_rowid()` only for these. */
  isInsert: boolean;
  isExplain: boolean;
  /** Takes SQLite's write lock when it runs (used to know which stream holds the lock). */
  takesWriteLock: boolean;
  /** The namespace an `ATTACH <identifier>` names. */
  attach?: string;
  /** The pragma's name, lower-cased, when the statement is a PRAGMA. */
  pragma?: string;
  params: ParameterInfo;
}

// query_analysis.rs: is_reserved_tbl compares the table name's raw text, lower-cased.
const RESERVED_TABLES = new Set(['_litestream_seq', '_litestream_lock', 'libsql_wasm_func_table']);

const READ_PRAGMAS = new Set([
  'table_list',
  'index_list',
  'table_info',
  'table_xinfo',
  'index_info',
  'index_xinfo',
  'pragma_list',
  'compile_options',
  'database_list',
  'function_list',
  'module_list',
  'encoding',
]);
const WRITE_PRAGMAS = new Set([
  'defer_foreign_keys',
  'foreign_keys',
  'foreign_key_list',
  'foreign_key_check',
  'collation_list',
  'data_version',
  'freelist_count',
  'integrity_check',
  'legacy_file_format',
  'page_count',
  'quick_check',
  'stats',
  'user_version',
]);
// "ok to be served by primary without args": a query of the setting, never a change to it.
const QUERY_ONLY_PRAGMAS = new Set([
  'analysis_limit',
  'application_id',
  'auto_vacuum',
  'automatic_index',
  'busy_timeout',
  'cache_size',
  'cache_spill',
  'cell_size_check',
  'checkpoint_fullfsync',
  'fullfsync',
  'hard_heap_limit',
  'journal_mode',
  'journal_size_limit',
  'legacy_alter_table',
  'locking_mode',
  'max_page_count',
  'mmap_size',
  'page_size',
  'query_only',
  'read_uncommitted',
  'recursive_triggers',
  'reverse_unordered_selects',
  'secure_delete',
  'soft_heap_limit',
  'synchronous',
  'temp_store',
  'threads',
  'trusted_schema',
  'wal_autocheckpoint',
]);

function pragmaKind(name: string, hasBody: boolean): StmtKind | undefined {
  const lower = name.toLowerCase();
  if (READ_PRAGMAS.has(lower)) return 'Read';
  if (lower === 'schema_version' && !hasBody) return 'Read';
  if (WRITE_PRAGMAS.has(lower)) return 'Write';
  if (QUERY_ONLY_PRAGMAS.has(lower)) return hasBody ? undefined : 'Write';
  // case_sensitive_like, ignore_check_constraints, incremental_vacuum, optimize, parser_trace,
  // shrink_memory, wal_checkpoint and every pragma sqld does not know.
  return undefined;
}

interface Classification {
  kind: StmtKind;
  isIud?: boolean;
  isInsert?: boolean;
  takesWriteLock?: boolean;
  attach?: string;
  pragma?: string;
}

const upper = (t: Token | undefined) => (t?.kind === 'word' ? t.text.toUpperCase() : '');

/** `[schema.]name` at `i`: the raw texts, as sqld's parser keeps them (quotes included). */
function qualifiedName(tokens: readonly Token[], i: number): { db?: string; name: string } | undefined {
  const first = tokens[i];
  if (!first || (first.kind !== 'word' && first.kind !== 'quoted' && first.kind !== 'string')) return undefined;
  if (tokens[i + 1]?.kind === 'dot') {
    const second = tokens[i + 2];
    if (!second) return undefined;
    return { db: first.text, name: second.text };
  }
  return { name: first.text };
}

const reserved = (name: { name: string } | undefined) => name !== undefined && RESERVED_TABLES.has(name.name.toLowerCase());
// is_temp compares the schema's raw text with "TEMP" exactly, as sqld does.
const isTemp = (name: { db?: string } | undefined) => name?.db === 'TEMP';

function skipIfNotExists(tokens: readonly Token[], i: number): number {
  return upper(tokens[i]) === 'IF' && upper(tokens[i + 1]) === 'NOT' && upper(tokens[i + 2]) === 'EXISTS' ? i + 3 : i;
}

function skipIfExists(tokens: readonly Token[], i: number): number {
  return upper(tokens[i]) === 'IF' && upper(tokens[i + 1]) === 'EXISTS' ? i + 2 : i;
}

/** After WITH, the statement's verb is the first top-level keyword that starts a statement. */
function verbAfterWith(tokens: readonly Token[]): number {
  let depth = 0;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'lparen') depth++;
    else if (t.kind === 'rparen') depth--;
    else if (depth === 0 && ['SELECT', 'VALUES', 'INSERT', 'REPLACE', 'UPDATE', 'DELETE'].includes(upper(t))) return i;
  }
  return -1;
}

function classifyDml(tokens: readonly Token[], at: number): Classification | undefined {
  const verb = upper(tokens[at]);
  if (verb === 'SELECT' || verb === 'VALUES') return { kind: 'Read' };
  let i = at + 1;
  if (verb === 'INSERT' || verb === 'REPLACE' || verb === 'UPDATE') {
    if (upper(tokens[i]) === 'OR') i += 2; // OR ROLLBACK|ABORT|REPLACE|FAIL|IGNORE
    if (verb !== 'UPDATE' && upper(tokens[i]) === 'INTO') i++;
  } else if (verb === 'DELETE') {
    if (upper(tokens[i]) === 'FROM') i++;
  } else {
    return undefined;
  }
  if (reserved(qualifiedName(tokens, i))) return undefined;
  const insert = verb === 'INSERT' || verb === 'REPLACE';
  return { kind: 'Write', isIud: true, isInsert: insert, takesWriteLock: true };
}

function classifyCreate(tokens: readonly Token[]): Classification | undefined {
  let i = 1;
  const temporary = upper(tokens[i]) === 'TEMP' || upper(tokens[i]) === 'TEMPORARY';
  if (temporary) i++;
  const what = upper(tokens[i]);
  if (what === 'UNIQUE' && upper(tokens[i + 1]) === 'INDEX') return temporary ? undefined : ddl();
  if (what === 'INDEX') return temporary ? undefined : ddl();
  if (what === 'TABLE') {
    const name = qualifiedName(tokens, skipIfNotExists(tokens, i + 1));
    return temporary || isTemp(name) ? undefined : ddl();
  }
  if (what === 'VIRTUAL' && upper(tokens[i + 1]) === 'TABLE' && !temporary) {
    const name = qualifiedName(tokens, skipIfNotExists(tokens, i + 2));
    return isTemp(name) ? undefined : ddl();
  }
  // Temporary triggers and views belong to one connection, so sqld refuses them.
  if (what === 'TRIGGER' || what === 'VIEW') return temporary ? undefined : ddl();
  return undefined;
}

const ddl = (): Classification => ({ kind: 'DDL', takesWriteLock: true });

function classifyPragma(tokens: readonly Token[]): Classification | undefined {
  const name = qualifiedName(tokens, 1);
  if (!name) return undefined;
  const after = tokens[name.db === undefined ? 2 : 4];
  const hasBody = after?.kind === 'eq' || after?.kind === 'lparen';
  const kind = pragmaKind(name.name, hasBody);
  if (!kind) return undefined;
  // Of the pragmas sqld lets through with a value, only user_version writes the database.
  const writes = hasBody && name.name.toLowerCase() === 'user_version';
  return { kind, pragma: name.name.toLowerCase(), takesWriteLock: writes };
}

function classify(tokens: readonly Token[]): Classification | undefined {
  const first = upper(tokens[0]);
  switch (first) {
    case 'EXPLAIN': {
      if (upper(tokens[1]) === 'QUERY' && upper(tokens[2]) === 'PLAN') return { kind: 'Read' };
      if (upper(tokens[1]) === 'PRAGMA') {
        const pragma = classifyPragma(tokens.slice(1));
        return pragma && { kind: pragma.kind };
      }
      return { kind: 'Read' };
    }
    case 'SELECT':
    case 'VALUES':
    case 'INSERT':
    case 'REPLACE':
    case 'UPDATE':
    case 'DELETE':
      return classifyDml(tokens, 0);
    case 'WITH': {
      const verb = verbAfterWith(tokens);
      return verb < 0 ? undefined : classifyDml(tokens, verb);
    }
    case 'BEGIN': {
      const mode = upper(tokens[1]);
      return { kind: 'TxnBegin', takesWriteLock: mode === 'IMMEDIATE' || mode === 'EXCLUSIVE' };
    }
    case 'COMMIT':
    case 'END':
      return { kind: 'TxnEnd' };
    case 'ROLLBACK':
      // ROLLBACK TO <savepoint> only unwinds part of the transaction: sqld calls it a Release.
      return { kind: tokens.some((t) => upper(t) === 'TO') ? 'Release' : 'TxnEnd' };
    case 'SAVEPOINT':
      return { kind: 'Savepoint' };
    case 'RELEASE':
      return { kind: 'Release' };
    case 'CREATE':
      return classifyCreate(tokens);
    case 'DROP': {
      const what = upper(tokens[1]);
      if (what === 'TABLE') return reserved(qualifiedName(tokens, skipIfExists(tokens, 2))) ? undefined : ddl();
      return what === 'INDEX' || what === 'TRIGGER' || what === 'VIEW' ? ddl() : undefined;
    }
    case 'ALTER':
      return upper(tokens[1]) === 'TABLE' && !reserved(qualifiedName(tokens, 2)) ? ddl() : undefined;
    case 'PRAGMA':
      return classifyPragma(tokens);
    case 'ATTACH': {
      // Only `ATTACH <identifier> AS <name>` names a namespace; a file name is refused.
      const at = upper(tokens[1]) === 'DATABASE' ? 2 : 1;
      const target = tokens[at];
      const isIdentifier = target?.kind === 'word' || (target?.kind === 'quoted' && target.text.startsWith('"'));
      if (!isIdentifier || upper(tokens[at + 1]) !== 'AS') return undefined;
      return { kind: 'Attach', attach: target.text.replace(/^"|"$/g, '') };
    }
    case 'DETACH':
      return { kind: 'Detach' };
    case 'REINDEX':
      return { kind: 'Write', takesWriteLock: true };
    default:
      // VACUUM, ANALYZE and anything else sqld's analyzer has no kind for.
      return undefined;
  }
}

function toStatement(part: StatementText, original: string): Parsed {
  const classification = classify(part.tokens);
  if (!classification) return { refused: `unsupported statement: ${original}`, sql: part.text, start: part.start };
  return {
    sql: part.text,
    start: part.start,
    tokens: part.tokens,
    kind: classification.kind,
    isIud: classification.isIud ?? false,
    isInsert: classification.isInsert ?? false,
    isExplain: upper(part.tokens[0]) === 'EXPLAIN',
    takesWriteLock: classification.takesWriteLock ?? false,
    ...(classification.attach !== undefined ? { attach: classification.attach } : {}),
    ...(classification.pragma !== undefined ? { pragma: classification.pragma } : {}),
    params: parameterInfo(part.tokens),
  };
}

/** A statement sqld refuses: `refused` is the detail of its SQL_PARSE_ERROR. */
export interface RefusedStatement {
  refused: string;
  sql: string;
  start: number;
}

export type Parsed = SqldStatement | RefusedStatement;

export const isRefused = (parsed: Parsed): parsed is RefusedStatement => 'refused' in parsed;

/**
 * The statements of `sql` in order, each classified or refused as sqld's `Statement::parse`
 * would (a refusal names the whole SQL text, as sqld's message does). sqld's parser stops at
 * the first statement it cannot parse; the caller checks syntax (SQLite's parser) in the same
 * order, since a syntax error there comes before the classification.
 */
export function parseStatements(sql: string): Parsed[] {
  return splitStatements(sql).map((part) => toStatement(part, sql));
}

/** Statements that leave the database alone, as `sqlite3_stmt_readonly()` would say. */
export function isReadonly(statement: SqldStatement): boolean {
  return !statement.takesWriteLock && statement.kind !== 'Attach' && statement.kind !== 'Detach';
}
