/**
 * Hrana-over-HTTP JSON, the encoding `@libsql/client` 0.18 speaks (its HTTP client pins protocol
 * version 2 and JSON: `/v2/pipeline`, no version probe, no cursor). Field names and value
 * encodings follow tursodatabase/libsql `libsql-hrana/src/proto.rs` and `docs/HRANA_3_SPEC.md`:
 * integers travel as decimal strings, blobs as unpadded base64, a stream is named by its baton.
 * Decoding validates the shape and fails with sqld's ProtocolError text.
 */
import { Buffer } from 'node:buffer';
import { ProtocolError, type HranaError } from './sqld-errors.js';

/** A SQL value: bigint for INTEGER, number for REAL. */
export type SqlValue = null | bigint | number | string | Uint8Array;

export interface Stmt {
  sql?: string;
  sqlId?: number;
  args: SqlValue[];
  namedArgs: { name: string; value: SqlValue }[];
}

export type BatchCond =
  { type: 'ok' | 'error'; step: number } | { type: 'not'; cond: BatchCond } | { type: 'and' | 'or'; conds: BatchCond[] } | { type: 'is_autocommit' };

export interface BatchStep {
  condition?: BatchCond;
  stmt: Stmt;
}

export type StreamRequest =
  | { type: 'close' }
  | { type: 'execute'; stmt: Stmt }
  | { type: 'batch'; steps: BatchStep[] }
  | { type: 'sequence' | 'describe'; sql?: string; sqlId?: number }
  | { type: 'store_sql'; sqlId: number; sql: string }
  | { type: 'close_sql'; sqlId: number }
  | { type: 'get_autocommit' };

export interface PipelineRequest {
  baton: string | null;
  requests: StreamRequest[];
}

export interface Col {
  name: string | null;
  decltype: string | null;
}

export interface StmtResult {
  cols: Col[];
  rows: SqlValue[][];
  affectedRowCount: number;
  lastInsertRowid: bigint | null;
  durationMs: number;
}

export interface BatchResult {
  stepResults: (StmtResult | null)[];
  stepErrors: (HranaError | null)[];
}

export interface DescribeResult {
  params: { name: string | null }[];
  cols: { name: string; decltype: string | null }[];
  isExplain: boolean;
  isReadonly: boolean;
}

export type StreamResponse =
  | { type: 'close' | 'sequence' | 'store_sql' | 'close_sql' }
  | { type: 'execute'; result: StmtResult }
  | { type: 'batch'; result: BatchResult }
  | { type: 'describe'; result: DescribeResult }
  | { type: 'get_autocommit'; isAutocommit: boolean };

export type StreamResult = { type: 'ok'; response: StreamResponse } | { type: 'error'; error: HranaError };

// ---- decoding -------------------------------------------------------------------------------

type Json = Record<string, unknown>;

const fail = (detail: string): never => {
  throw ProtocolError.json(detail);
};

function object(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`invalid type: expected ${what}`);
  return value as Json;
}

function array(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) fail(`invalid type: expected a sequence for \`${what}\``);
  return value as unknown[];
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(`invalid type: expected a string for \`${field}\``);
  return value as string;
}

function optionalInt(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(`invalid type: expected an integer for \`${field}\``);
  return value as number;
}

function requiredInt(value: unknown, field: string): number {
  return optionalInt(value, field) ?? fail(`missing field \`${field}\``);
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

export function decodeValue(raw: unknown): SqlValue {
  const value = object(raw, 'a Value object');
  switch (value.type) {
    case 'null':
      return null;
    case 'integer': {
      if (typeof value.value !== 'string' || !/^-?\d+$/.test(value.value)) fail('invalid value: expected decimal integer as a string');
      const n = BigInt(value.value as string);
      if (n < I64_MIN || n > I64_MAX) fail('invalid value: expected decimal integer as a string');
      return n;
    }
    case 'float':
      if (typeof value.value !== 'number') fail('invalid type: expected f64 for `value`');
      return value.value as number;
    case 'text':
      if (typeof value.value !== 'string') fail('invalid type: expected a string for `value`');
      return value.value as string;
    case 'blob': {
      if (typeof value.base64 !== 'string') fail('missing field `base64`');
      const text = (value.base64 as string).replace(/=+$/, '');
      if (!/^[A-Za-z0-9+/]*$/.test(text)) fail('invalid value: expected binary data encoded as base64');
      return new Uint8Array(Buffer.from(text, 'base64'));
    }
    default:
      return fail(`unknown variant \`${String(value.type)}\`, expected one of \`null\`, \`integer\`, \`float\`, \`text\`, \`blob\``);
  }
}

function decodeStmt(raw: unknown): Stmt {
  const stmt = object(raw, 'a Stmt object');
  const sql = optionalString(stmt.sql, 'sql');
  const sqlId = optionalInt(stmt.sql_id, 'sql_id');
  const args = stmt.args === undefined ? [] : array(stmt.args, 'args').map(decodeValue);
  const namedArgs =
    stmt.named_args === undefined
      ? []
      : array(stmt.named_args, 'named_args').map((entry) => {
          const arg = object(entry, 'a NamedArg object');
          const name = optionalString(arg.name, 'name') ?? fail('missing field `name`');
          return { name, value: decodeValue(arg.value) };
        });
  return { ...(sql !== undefined ? { sql } : {}), ...(sqlId !== undefined ? { sqlId } : {}), args, namedArgs };
}

function decodeCond(raw: unknown): BatchCond {
  const cond = object(raw, 'a BatchCond object');
  switch (cond.type) {
    case 'ok':
    case 'error':
      return { type: cond.type, step: requiredInt(cond.step, 'step') };
    case 'not':
      return { type: 'not', cond: decodeCond(cond.cond) };
    case 'and':
    case 'or':
      return { type: cond.type, conds: array(cond.conds, 'conds').map(decodeCond) };
    case 'is_autocommit':
      return { type: 'is_autocommit' };
    default:
      return fail(`unknown variant \`${String(cond.type)}\``);
  }
}

function decodeRequest(raw: unknown): StreamRequest {
  const request = object(raw, 'a StreamRequest object');
  switch (request.type) {
    case 'close':
    case 'get_autocommit':
      return { type: request.type };
    case 'execute':
      return { type: 'execute', stmt: decodeStmt(request.stmt) };
    case 'batch': {
      const batch = object(request.batch, 'a Batch object');
      const steps = array(batch.steps, 'steps').map((entry): BatchStep => {
        const step = object(entry, 'a BatchStep object');
        const condition = step.condition === undefined || step.condition === null ? undefined : decodeCond(step.condition);
        return { ...(condition ? { condition } : {}), stmt: decodeStmt(step.stmt) };
      });
      return { type: 'batch', steps };
    }
    case 'sequence':
    case 'describe': {
      const sql = optionalString(request.sql, 'sql');
      const sqlId = optionalInt(request.sql_id, 'sql_id');
      return { type: request.type, ...(sql !== undefined ? { sql } : {}), ...(sqlId !== undefined ? { sqlId } : {}) };
    }
    case 'store_sql':
      return {
        type: 'store_sql',
        sqlId: requiredInt(request.sql_id, 'sql_id'),
        sql: optionalString(request.sql, 'sql') ?? fail('missing field `sql`'),
      };
    case 'close_sql':
      return { type: 'close_sql', sqlId: requiredInt(request.sql_id, 'sql_id') };
    default:
      return fail(`unknown variant \`${String(request.type)}\``);
  }
}

export function decodePipelineRequest(body: string): PipelineRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return fail((error as Error).message);
  }
  const request = object(parsed, 'struct PipelineReqBody');
  const baton = optionalString(request.baton, 'baton') ?? null;
  return { baton, requests: array(request.requests, 'requests').map(decodeRequest) };
}

// ---- encoding -------------------------------------------------------------------------------

export function encodeValue(value: SqlValue): Json {
  if (value === null) return { type: 'null' };
  if (typeof value === 'bigint') return { type: 'integer', value: value.toString() };
  // serde_json writes a non-finite f64 as null, which is what sqld sends for them too.
  if (typeof value === 'number') return { type: 'float', value: Number.isFinite(value) ? value : null };
  if (typeof value === 'string') return { type: 'text', value };
  return { type: 'blob', base64: Buffer.from(value).toString('base64').replace(/=+$/, '') };
}

function encodeStmtResult(result: StmtResult): Json {
  return {
    cols: result.cols,
    rows: result.rows.map((row) => row.map(encodeValue)),
    affected_row_count: result.affectedRowCount,
    last_insert_rowid: result.lastInsertRowid === null ? null : result.lastInsertRowid.toString(),
    replication_index: null,
    rows_read: 0,
    rows_written: 0,
    query_duration_ms: result.durationMs,
  };
}

function encodeResponse(response: StreamResponse): Json {
  switch (response.type) {
    case 'execute':
      return { type: 'execute', result: encodeStmtResult(response.result) };
    case 'batch':
      return {
        type: 'batch',
        result: {
          step_results: response.result.stepResults.map((r) => (r ? encodeStmtResult(r) : null)),
          step_errors: response.result.stepErrors,
          replication_index: null,
        },
      };
    case 'describe':
      return {
        type: 'describe',
        result: {
          params: response.result.params,
          cols: response.result.cols,
          is_explain: response.result.isExplain,
          is_readonly: response.result.isReadonly,
        },
      };
    case 'get_autocommit':
      return { type: 'get_autocommit', is_autocommit: response.isAutocommit };
    default:
      return { type: response.type };
  }
}

export function encodePipelineResponse(baton: string | null, results: StreamResult[]): string {
  return JSON.stringify({
    baton,
    base_url: null,
    results: results.map((r) => (r.type === 'ok' ? { type: 'ok', response: encodeResponse(r.response) } : r)),
  });
}
