/**
 * Structured logs: one JSON line per lifecycle event (a deletion scheduled or cancelled, a purge
 * started and finished with its counts, a mail or webhook failure, an outbox that backs up with no
 * mailer, an unexpected error). A host replaces the logger with its own (pino, winston, its OTel
 * pipeline): `createApp({ logger })`, `startBackgroundJobs({ logger })`, `dangerZone({ logger })`.
 * The event names and their fields are documented in docs/observability.md.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEvent {
  /** What happened, dotted: `deletion.scheduled`, `purge.finished`, `mail.failed`, … */
  event: string;
  level: LogLevel;
  [field: string]: unknown;
}

export interface Logger {
  log(event: LogEvent): void;
}

/**
 * The default: the event as one JSON line with its time (`{"time", "level", "event", …}`), on
 * stdout, or on stderr for warnings and errors. Field values are the caller's (ids, counts, codes,
 * already-redacted error descriptions); no line break can reach the output inside a value.
 */
export function jsonLogger(write: (line: string, level: LogLevel) => void = defaultWrite): Logger {
  return {
    log({ event, level, ...fields }) {
      write(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }), level);
    },
  };
}

function defaultWrite(line: string, level: LogLevel): void {
  (level === 'warn' || level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

/** For a host that forwards nothing (tests that assert on other output). */
export const silentLogger: Logger = { log: () => undefined };

export const defaultLogger: Logger = jsonLogger();
