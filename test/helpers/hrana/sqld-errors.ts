/**
 * sqld's errors, word for word where it matters to a client: the `{ message, code }` of a Hrana
 * error (`libsql-server/src/hrana/stmt.rs` StmtError, `hrana/http/request.rs`,
 * `hrana/http/stream.rs` StreamError), the plain-text 400 of a protocol error (`hrana/mod.rs`
 * ProtocolError, answered by `hrana/http/mod.rs`), and the `{"error": …}` JSON of everything
 * else (`libsql-server/src/error.rs`). `@libsql/client` turns a Hrana error's `code` into
 * `LibsqlError.code`, so the codes here are what the BFF sees.
 */
import { Buffer } from 'node:buffer';
import { positionAfter, tokenize } from './sql-text.js';

export interface HranaError {
  message: string;
  code: string;
}

export const stmtError = {
  sqlParse: (detail: string): HranaError => ({ message: `SQL string could not be parsed: ${detail}`, code: 'SQL_PARSE_ERROR' }),
  noStatement: (): HranaError => ({ message: 'SQL string does not contain any statement', code: 'SQL_NO_STATEMENT' }),
  manyStatements: (): HranaError => ({ message: 'SQL string contains more than one statement', code: 'SQL_MANY_STATEMENTS' }),
  argsInvalid: (detail: string): HranaError => ({ message: `Arguments do not match SQL parameters: ${detail}`, code: 'ARGS_INVALID' }),
  argsBoth: (): HranaError => ({
    message: 'Specifying both positional and named arguments is not supported',
    code: 'ARGS_BOTH_POSITIONAL_AND_NAMED',
  }),
  transactionTimeout: (): HranaError => ({ message: 'Transaction timed out', code: 'TRANSACTION_TIMEOUT' }),
  sqlite: (code: string, message: string): HranaError => ({ message: `SQLite error: ${message}`, code }),
  sqlInput: (message: string, offset: number): HranaError => ({
    message: `SQL input error: ${message} (at offset ${offset})`,
    code: 'SQL_INPUT_ERROR',
  }),
  sqlTooMany: (count: number): HranaError => ({
    message: `The server already stores ${count} SQL texts, it cannot store more`,
    code: 'SQL_STORE_TOO_MANY',
  }),
  sqlTooLarge: (bytes: number, max: number): HranaError => ({
    message: `The statement is too large to be stored: ${(bytes / 1000).toFixed(1)} KB/${(max / 1000).toFixed(1)} KB`,
    code: 'SQL_STORE_TOO_LARGE',
  }),
};

/** A request the protocol does not allow: sqld answers 400 text/plain and drops the stream. */
export class ProtocolError extends Error {
  static batonInvalid = () => new ProtocolError('Received an invalid baton');
  static batonReused = () => new ProtocolError('Received a baton that has already been used');
  static batonStreamClosed = () => new ProtocolError('Stream for this baton was closed');
  static json = (detail: string) => new ProtocolError(`Cannot deserialize client message from JSON: ${detail}`);
  static sqlIdAndSql = () => new ProtocolError('Either `sql` or `sql_id` are required, but not both');
  static sqlIdOrSqlMissing = () => new ProtocolError('Either `sql` or `sql_id` are required');
  static sqlNotFound = (id: number) => new ProtocolError(`SQL text ${id} not found`);
  static sqlExists = (id: number) => new ProtocolError(`SQL text ${id} already exists`);
  static badCondStep = () => new ProtocolError('Invalid reference to step in a batch condition');
  static notSupported = (what: string, minVersion: number) => new ProtocolError(`${what} is only supported in protocol version hrana${minVersion} and higher`);
}

/** hrana/http/stream.rs StreamError: 400 with a JSON Hrana error, so the client sees its code. */
export class StreamExpiredError extends Error {
  readonly error: HranaError = { message: 'The stream has expired due to inactivity', code: 'STREAM_EXPIRED' };
}

/** error.rs: any other failure is `{"error": "<Display>"}` with a status of its own. */
export class SqldHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The native driver's error: `code` names the extended result code, `rawCode` is its number. */
export interface NativeSqliteError {
  message: string;
  code: string;
  rawCode: number;
}

export function isNativeSqliteError(error: unknown): error is NativeSqliteError {
  return error instanceof Error && typeof (error as { rawCode?: unknown }).rawCode === 'number';
}

export const SQLITE_BUSY = 5;
export const primaryCode = (error: NativeSqliteError) => error.rawCode & 0xff;

// rusqlite's ErrorCode for each primary result code, as sqld names it (stmt.rs
// sqlite_error_code). SQLITE_ERROR itself is rusqlite's "Unknown", hence SQLITE_UNKNOWN.
const CODE_NAMES: Record<number, string> = {
  2: 'SQLITE_INTERNAL',
  3: 'SQLITE_PERM',
  4: 'SQLITE_ABORT',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY',
  9: 'SQLITE_INTERRUPT',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  15: 'SQLITE_PROTOCOL',
  17: 'SQLITE_SCHEMA',
  18: 'SQLITE_TOOBIG',
  19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH',
  21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS',
  23: 'SQLITE_AUTH',
  25: 'SQLITE_RANGE',
  26: 'SQLITE_NOTADB',
};

/** Syntax errors: sqld's own parser (lemon-rs) rejects these before SQLite ever sees them. */
export function isSyntaxError(error: NativeSqliteError): boolean {
  return primaryCode(error) === 1 && /syntax error$|^incomplete input$|^unrecognized token: /.test(error.message);
}

/**
 * The SQL_PARSE_ERROR sqld's parser gives for a statement SQLite calls a syntax error; lemon-rs
 * places it by line and column in the whole SQL text, just past the offending token.
 */
export function parseErrorFromSyntax(error: NativeSqliteError, sql: string, statementStart = 0): HranaError {
  const near = /^near "(.*)": syntax error$/s.exec(error.message);
  const at = near ? positionAfter(sql, near[1] as string, statementStart) : undefined;
  if (near && at) return stmtError.sqlParse(`syntax error around L${at.line}:${at.col}: \`${near[1]}\``);
  if (error.message === 'incomplete input') return stmtError.sqlParse('unexpected end of input');
  return stmtError.sqlParse(error.message);
}

// Errors SQLite records a byte offset for (sqlite3ErrorMsg with %T / %#T, or
// sqlite3RecordErrorOffsetOfExpr): rusqlite turns those into SqlInputError, which sqld reports as
// SQL_INPUT_ERROR "… (at offset N)". The group names the token the offset points at.
const OFFSET_ERRORS: readonly RegExp[] = [
  /^near "(.*)": syntax error$/s,
  /^(?:no such column|ambiguous column name): "?([^"\s]+?)"?(?: - should this be a string literal in single-quotes\?)?$/,
  /^(?:table|index|view|trigger) (.+) already exists$/,
  /^unknown database (.+)$/,
  /^no such function: (.+)$/,
  /^wrong number of arguments to function (.+)\(\)$/,
  /^misuse of (?:aggregate|aggregate function|window function|\w+ function):? (.+)\(\)$/,
  /^unknown function: (.+)\(\)$/,
  /^too many arguments on function (.+)$/,
  /^unsafe use of (.+)\(\)$/,
  /^not authorized to use function: (.+)$/,
  /^(?:oversized integer|hex literal too big): -?(.+)$/,
  /^row value misused$/,
  /BY term out of range/,
  /prohibited in /,
  /^variable number must be between/,
  /^too many SQL variables$/,
];

const unquote = (text: string) => text.replace(/^["`[]|["`\]]$/g, '').toLowerCase();

/** Where SQLite would point: the first token spelling the name the message mentions. */
function errorOffset(sql: string, name: string | undefined): number {
  if (name === undefined) return 0;
  const first = name.split('.')[0] as string;
  const token = tokenize(sql).find((t) => t.text === name || unquote(t.text) === first.toLowerCase());
  return token ? Buffer.byteLength(sql.slice(0, token.start)) : 0;
}

/** A native SQLite failure as sqld reports it. `prepared` says whether the statement compiled. */
export function hranaErrorFromSqlite(error: NativeSqliteError, sql: string, prepared: boolean): HranaError {
  const primary = primaryCode(error);
  if (primary === 1 && !prepared) {
    for (const pattern of OFFSET_ERRORS) {
      const match = pattern.exec(error.message);
      if (match) return stmtError.sqlInput(error.message, errorOffset(sql, match[1]));
    }
  }
  return stmtError.sqlite(CODE_NAMES[primary] ?? 'SQLITE_UNKNOWN', error.message);
}
