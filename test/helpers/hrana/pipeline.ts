/**
 * One Hrana pipeline request: take the stream its baton names (or open one), run its requests in
 * order, and hand back the results with the next baton. Follows `libsql-server/src/hrana/http/`
 * (`mod.rs` handle_pipeline, `request.rs` try_handle): every request runs even if an earlier one
 * failed; a ProtocolError anywhere ends the whole HTTP request and drops the stream; a statement
 * sqld refuses fails its whole `execute`, `batch` or `sequence` before anything of it runs.
 */
import { Buffer } from 'node:buffer';
import type { Arguments, StreamConnection } from './connection.js';
import { runProgram, type ExecutionContext, type ProgramStep } from './executor.js';
import { tokenize, parameterInfo } from './sql-text.js';
import type { BatchCond, PipelineRequest, Stmt, StreamRequest, StreamResponse, StreamResult } from './protocol.js';
import { ProtocolError, stmtError, type HranaError } from './sqld-errors.js';
import { isReadonly, isRefused, parseStatements, type Parsed, type SqldStatement } from './sqld-rules.js';
import type { StreamHandle, StreamRegistry } from './streams.js';

// request.rs: a stream keeps at most 50 SQL texts of at most 5 kB each.
const MAX_SQL_COUNT = 50;
const MAX_STORED_SQL_BYTES = 5000;

/** A request that fails with a Hrana error result (the stream goes on). */
class RequestFailure extends Error {
  constructor(readonly error: HranaError) {
    super(error.message);
  }
}

export interface PipelineContext extends ExecutionContext {
  version: 2 | 3;
  streams: StreamRegistry<StreamConnection>;
  /** sqld refuses ATTACH of a namespace that does not allow it (program.rs check_program_auth). */
  onAttach(namespace: string): never;
  /** Called once the stream is known, so the caller can count the request against it. */
  onStream?(stream: StreamHandle<StreamConnection>): void;
}

export interface PipelineOutcome {
  baton: string | null;
  results: StreamResult[];
}

export async function handlePipeline(body: PipelineRequest, context: PipelineContext): Promise<PipelineOutcome> {
  const stream = context.streams.acquire(body.baton);
  context.onStream?.(stream);
  const results: StreamResult[] = [];
  try {
    for (const request of body.requests) {
      try {
        results.push({ type: 'ok', response: await handleRequest(stream, request, context) });
      } catch (error) {
        if (!(error instanceof RequestFailure)) throw error;
        results.push({ type: 'error', error: error.error });
      }
    }
  } catch (error) {
    // sqld drops the stream when a request cannot finish (its Guard is dropped unreleased).
    context.streams.destroy(stream);
    throw error;
  }
  return { baton: context.streams.release(stream), results };
}

function connectionOf(stream: StreamHandle<StreamConnection>): StreamConnection {
  if (stream.conn === undefined) throw ProtocolError.batonStreamClosed();
  return stream.conn;
}

function resolveSql(sql: string | undefined, sqlId: number | undefined, sqls: Map<number, string>): string {
  if (sql !== undefined && sqlId !== undefined) throw ProtocolError.sqlIdAndSql();
  if (sql !== undefined) return sql;
  if (sqlId === undefined) throw ProtocolError.sqlIdOrSqlMissing();
  const stored = sqls.get(sqlId);
  if (stored === undefined) throw ProtocolError.sqlNotFound(sqlId);
  return stored;
}

/**
 * sqld parses before it runs anything: its parser (lemon-rs) rejects a syntax error, then its
 * analyzer refuses what it cannot classify. SQLite's parser stands in for lemon-rs here.
 */
function checked(parsed: Parsed, sql: string, conn: StreamConnection): SqldStatement {
  const syntax = conn.syntaxError(parsed, sql);
  if (syntax) throw new RequestFailure(syntax);
  if (isRefused(parsed)) throw new RequestFailure(stmtError.sqlParse(parsed.refused));
  return parsed;
}

/** hrana/stmt.rs proto_stmt_to_query: one statement, parsed, with its arguments. */
function toStep(stmt: Stmt, stream: StreamHandle<StreamConnection>, conn: StreamConnection): { statement: SqldStatement; args: Arguments } {
  const sql = resolveSql(stmt.sql, stmt.sqlId, stream.sqls);
  const [first, ...rest] = parseStatements(sql);
  if (!first) throw new RequestFailure(stmtError.noStatement());
  const statement = checked(first, sql, conn);
  // The first statement is parsed (and may fail) before sqld notices there is a second.
  if (rest.length > 0) throw new RequestFailure(stmtError.manyStatements());
  if (stmt.args.length > 0 && stmt.namedArgs.length > 0) throw new RequestFailure(stmtError.argsBoth());
  return { statement, args: { positional: stmt.args, named: stmt.namedArgs } };
}

/** batch.rs proto_cond_to_cond: a condition may only look back, and is_autocommit needs v3. */
function checkCond(cond: BatchCond, stepIndex: number, version: 2 | 3): void {
  switch (cond.type) {
    case 'ok':
    case 'error':
      if (cond.step >= stepIndex) throw ProtocolError.badCondStep();
      return;
    case 'not':
      return checkCond(cond.cond, stepIndex, version);
    case 'and':
    case 'or':
      return cond.conds.forEach((c) => checkCond(c, stepIndex, version));
    case 'is_autocommit':
      if (version < 3) throw ProtocolError.notSupported('BatchCond of type `is_autocommit`', 3);
  }
}

function checkAttach(steps: readonly ProgramStep[], context: PipelineContext): void {
  for (const step of steps) if (step.statement.attach !== undefined) context.onAttach(step.statement.attach);
}

async function handleRequest(stream: StreamHandle<StreamConnection>, request: StreamRequest, context: PipelineContext): Promise<StreamResponse> {
  switch (request.type) {
    case 'close':
      context.streams.closeConn(stream);
      return { type: 'close' };
    case 'execute': {
      const conn = connectionOf(stream);
      const steps = [toStep(request.stmt, stream, conn)];
      checkAttach(steps, context);
      const { results, errors } = await runProgram(conn, steps, context);
      const error = errors[0];
      if (error) throw new RequestFailure(error);
      return { type: 'execute', result: results[0] as NonNullable<(typeof results)[0]> };
    }
    case 'batch': {
      const conn = connectionOf(stream);
      const steps = request.steps.map((step, i): ProgramStep => {
        const converted = toStep(step.stmt, stream, conn);
        if (step.condition) checkCond(step.condition, i, context.version);
        return step.condition ? { ...converted, cond: step.condition } : converted;
      });
      checkAttach(steps, context);
      const { results, errors } = await runProgram(conn, steps, context);
      return { type: 'batch', result: { stepResults: results, stepErrors: errors } };
    }
    case 'sequence': {
      const conn = connectionOf(stream);
      const sql = resolveSql(request.sql, request.sqlId, stream.sqls);
      const statements = parseStatements(sql).map((parsed) => checked(parsed, sql, conn));
      // batch.rs proto_sequence_to_program: each statement runs only if the previous one did.
      const steps = statements.map((statement, i): ProgramStep => ({
        statement,
        args: { positional: [], named: [] },
        ...(i > 0 ? { cond: { type: 'ok', step: i - 1 } as const } : {}),
      }));
      checkAttach(steps, context);
      const { errors } = await runProgram(conn, steps, context);
      const error = errors.find((e) => e !== null);
      if (error) throw new RequestFailure(error);
      return { type: 'sequence' };
    }
    case 'describe': {
      const conn = connectionOf(stream);
      const sql = resolveSql(request.sql, request.sqlId, stream.sqls);
      const described = conn.describe(sql);
      if (!('cols' in described)) throw new RequestFailure(described);
      const tokens = tokenize(sql).filter((t) => t.kind !== 'space');
      const first = parseStatements(sql)[0];
      // Statements sqld's rules refuse can still be described; call them writes.
      const readonly = first !== undefined && !isRefused(first) && isReadonly(first);
      return {
        type: 'describe',
        result: {
          params: parameterInfo(tokens).names.map((name) => ({ name })),
          cols: described.cols.map((c) => ({ name: c.name, decltype: c.type ?? null })),
          isExplain: tokens[0]?.text.toUpperCase() === 'EXPLAIN',
          isReadonly: readonly,
        },
      };
    }
    case 'store_sql': {
      if (stream.sqls.has(request.sqlId)) throw ProtocolError.sqlExists(request.sqlId);
      if (stream.sqls.size >= MAX_SQL_COUNT) throw new RequestFailure(stmtError.sqlTooMany(stream.sqls.size));
      const bytes = Buffer.byteLength(request.sql);
      if (bytes > MAX_STORED_SQL_BYTES) throw new RequestFailure(stmtError.sqlTooLarge(bytes, MAX_STORED_SQL_BYTES));
      stream.sqls.set(request.sqlId, request.sql);
      return { type: 'store_sql' };
    }
    case 'close_sql':
      stream.sqls.delete(request.sqlId);
      return { type: 'close_sql' };
    case 'get_autocommit':
      if (context.version < 3) throw ProtocolError.notSupported('The `get_autocommit` request', 3);
      return { type: 'get_autocommit', isAutocommit: !connectionOf(stream).inTransaction };
  }
}
