/**
 * Runs a program (a batch, a sequence, one statement) on a stream's connection the way sqld's
 * `CoreConnection::run` and `Vm` do (`connection/connection_core.rs`, `connection/program.rs`):
 * steps in order, each behind its condition; a failed step does not stop the program; after a
 * forced rollback every remaining step fails with TRANSACTION_TIMEOUT, once. A statement that
 * meets a busy database waits here, asynchronously, as write-lock.ts decides.
 */
import type { Arguments, Attempt, StreamConnection, StatementOutcome } from './connection.js';
import type { BatchCond, StmtResult } from './protocol.js';
import { stmtError, type HranaError } from './sqld-errors.js';
import type { SqldStatement } from './sqld-rules.js';
import type { WriteLockArbiter } from './write-lock.js';

export interface ProgramStep {
  statement: SqldStatement;
  args: Arguments;
  cond?: BatchCond;
}

export interface ProgramResult {
  results: (StmtResult | null)[];
  errors: (HranaError | null)[];
}

export interface ExecutionContext {
  arbiter: WriteLockArbiter;
  /** Aborts when the HTTP client goes away: a statement waiting for the lock then never runs. */
  signal: AbortSignal;
  /** A statement met a busy database and starts waiting (once per statement). */
  onLockWait?(): void;
  /** A statement gave up waiting and fails with SQLITE_BUSY. */
  onBusyError?(): void;
}

/** program.rs eval_cond: note that `error` is "did not succeed", so a skipped step counts too. */
function evalCond(cond: BatchCond, ok: readonly boolean[], autocommit: boolean): boolean {
  switch (cond.type) {
    case 'ok':
      return ok[cond.step] ?? false;
    case 'error':
      return !(ok[cond.step] ?? false);
    case 'not':
      return !evalCond(cond.cond, ok, autocommit);
    case 'and':
      return cond.conds.every((c) => evalCond(c, ok, autocommit));
    case 'or':
      return cond.conds.some((c) => evalCond(c, ok, autocommit));
    case 'is_autocommit':
      return autocommit;
  }
}

async function runStatement(conn: StreamConnection, statement: SqldStatement, args: Arguments, context: ExecutionContext): Promise<StatementOutcome> {
  const wait = context.arbiter.newWait();
  const attempt: Attempt = {};
  for (let tries = 0; ; tries++) {
    const outcome = conn.execute(statement, args, attempt);
    if (outcome.ok || !outcome.busy) return outcome;
    if (tries === 0) context.onLockWait?.();
    let again: boolean;
    try {
      again = await context.arbiter.waitAfterBusy(conn, wait, conn.readTxnOpen, context.signal);
    } catch (error) {
      conn.giveUp(attempt);
      throw error;
    }
    if (!again) {
      conn.giveUp(attempt);
      context.onBusyError?.();
      return outcome;
    }
  }
}

export async function runProgram(conn: StreamConnection, steps: readonly ProgramStep[], context: ExecutionContext): Promise<ProgramResult> {
  const results: (StmtResult | null)[] = [];
  const errors: (HranaError | null)[] = [];
  const ok: boolean[] = [];
  let timedOut = false;
  for (const step of steps) {
    if (conn.forcedRollback) {
      conn.forcedRollback = false;
      timedOut = true;
    }
    if (timedOut) {
      results.push(null);
      errors.push(stmtError.transactionTimeout());
      ok.push(false);
      continue;
    }
    if (step.cond && !evalCond(step.cond, ok, !conn.inTransaction)) {
      results.push(null);
      errors.push(null);
      ok.push(false);
      continue;
    }
    const outcome = await runStatement(conn, step.statement, step.args, context);
    results.push(outcome.ok ? outcome.result : null);
    errors.push(outcome.ok ? null : outcome.error);
    ok.push(outcome.ok);
  }
  return { results, errors };
}
