/**
 * The lexical side of SQL text, done the way SQLite does it, so the server can see statements as
 * sqld sees them without a full parser: tokens (SQLite's tokenize.c rules), statement boundaries
 * (the state machine of `sqlite3_complete()`, which keeps `CREATE TRIGGER … BEGIN …; END;` whole)
 * and the numbering of bound parameters (expr.c's `sqlite3ExprAssignVarNumber`).
 */

export type TokenKind =
  | 'space' // whitespace and comments
  | 'semi'
  | 'word' // a bare identifier or keyword
  | 'quoted' // "x", `x` or [x]
  | 'string'
  | 'blob'
  | 'number'
  | 'variable'
  | 'lparen'
  | 'rparen'
  | 'dot'
  | 'comma'
  | 'eq'
  | 'op'
  | 'illegal';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset of the token's first character in the text that was tokenized. */
  start: number;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
const isDigit = (c: string) => c >= '0' && c <= '9';
// SQLite treats every byte >= 0x80 as an identifier character.
const isIdChar = (c: string) => /[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) >= 0x80;
const isIdStart = (c: string) => /[A-Za-z_]/.test(c) || c.charCodeAt(0) >= 0x80;

/** Splits `sql` into tokens; never throws (an unterminated string becomes an `illegal` token). */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: sql.slice(i, end), start: i });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1] ?? '';
    if (isSpace(c)) {
      let j = i + 1;
      while (j < sql.length && isSpace(sql[j] as string)) j++;
      push('space', j);
    } else if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i + 2);
      push('space', nl < 0 ? sql.length : nl + 1);
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      push('space', close < 0 ? sql.length : close + 2);
    } else if (c === ';') {
      push('semi', i + 1);
    } else if (c === '(') {
      push('lparen', i + 1);
    } else if (c === ')') {
      push('rparen', i + 1);
    } else if (c === ',') {
      push('comma', i + 1);
    } else if (c === '=') {
      push('eq', next === '=' ? i + 2 : i + 1);
    } else if (c === "'" || c === '"' || c === '`') {
      const end = quotedEnd(sql, i, c);
      push(end < 0 ? 'illegal' : c === "'" ? 'string' : 'quoted', end < 0 ? sql.length : end);
    } else if (c === '[') {
      const close = sql.indexOf(']', i + 1);
      push(close < 0 ? 'illegal' : 'quoted', close < 0 ? sql.length : close + 1);
    } else if ((c === 'x' || c === 'X') && next === "'") {
      const end = quotedEnd(sql, i + 1, "'");
      push(end < 0 ? 'illegal' : 'blob', end < 0 ? sql.length : end);
    } else if (isDigit(c) || (c === '.' && isDigit(next))) {
      push('number', numberEnd(sql, i));
    } else if (c === '.') {
      push('dot', i + 1);
    } else if (c === '?') {
      let j = i + 1;
      while (j < sql.length && isDigit(sql[j] as string)) j++;
      push('variable', j);
    } else if (c === ':' || c === '@' || c === '$' || c === '#') {
      const end = variableEnd(sql, i);
      push(end > i + 1 ? 'variable' : 'illegal', Math.max(end, i + 1));
    } else if (isIdStart(c)) {
      let j = i + 1;
      while (j < sql.length && isIdChar(sql[j] as string)) j++;
      push('word', j);
    } else {
      push('op', i + 1);
    }
  }
  return tokens;
}

/** The index just past a quoted token starting at `start`, or -1 when it never closes. */
function quotedEnd(sql: string, start: number, quote: string): number {
  let j = start + 1;
  for (;;) {
    const close = sql.indexOf(quote, j);
    if (close < 0) return -1;
    if (sql[close + 1] === quote) {
      j = close + 2; // a doubled quote is an escaped quote
      continue;
    }
    return close + 1;
  }
}

function numberEnd(sql: string, start: number): number {
  let j = start;
  if (sql[j] === '0' && (sql[j + 1] === 'x' || sql[j + 1] === 'X')) {
    j += 2;
    while (j < sql.length && /[0-9A-Fa-f_]/.test(sql[j] as string)) j++;
    return j;
  }
  while (j < sql.length && /[0-9_.]/.test(sql[j] as string)) j++;
  if (sql[j] === 'e' || sql[j] === 'E') {
    let k = j + 1;
    if (sql[k] === '+' || sql[k] === '-') k++;
    if (isDigit(sql[k] ?? '')) {
      while (k < sql.length && isDigit(sql[k] as string)) k++;
      j = k;
    }
  }
  // "1abc" is one illegal token in SQLite; keep the identifier tail attached.
  while (j < sql.length && isIdChar(sql[j] as string)) j++;
  return j;
}

/** `:name`, `@name`, `#name`, and TCL-style `$name::part(suffix)`. */
function variableEnd(sql: string, start: number): number {
  let j = start + 1;
  const dollar = sql[start] === '$';
  for (;;) {
    const c = sql[j];
    if (c === undefined) return j;
    if (isIdChar(c)) {
      j++;
    } else if (dollar && c === ':' && sql[j + 1] === ':') {
      j += 2;
    } else if (dollar && c === '(' && j > start + 1) {
      const close = sql.indexOf(')', j);
      return close < 0 ? j : close + 1;
    } else {
      return j;
    }
  }
}

/** A statement's text as sqld executes it, with its tokens (spaces and comments left out). */
export interface StatementText {
  /** From the end of the previous statement up to and including this one's `;`. */
  text: string;
  /** Offset of `text` in the whole SQL string. */
  start: number;
  tokens: Token[];
}

// sqlite3_complete()'s token classes and transition table (complete.c), used as it is: a `;`
// ends a statement unless it sits inside a CREATE TRIGGER body, which only `END ;` closes.
const enum Tk {
  Semi,
  Ws,
  Other,
  Explain,
  Create,
  Temp,
  Trigger,
  End,
}
const TRANSITIONS: readonly (readonly number[])[] = [
  /* 0 INVALID */ [1, 0, 2, 3, 4, 2, 2, 2],
  /* 1 START   */ [1, 1, 2, 3, 4, 2, 2, 2],
  /* 2 NORMAL  */ [1, 2, 2, 2, 2, 2, 2, 2],
  /* 3 EXPLAIN */ [1, 3, 3, 2, 4, 2, 2, 2],
  /* 4 CREATE  */ [1, 4, 2, 2, 2, 4, 5, 2],
  /* 5 TRIGGER */ [6, 5, 5, 5, 5, 5, 5, 5],
  /* 6 SEMI    */ [6, 6, 5, 5, 5, 5, 5, 7],
  /* 7 END     */ [1, 7, 5, 5, 5, 5, 5, 5],
];

function tokenClass(token: Token): Tk {
  if (token.kind === 'semi') return Tk.Semi;
  if (token.kind === 'space') return Tk.Ws;
  if (token.kind !== 'word') return Tk.Other;
  switch (token.text.toUpperCase()) {
    case 'EXPLAIN':
      return Tk.Explain;
    case 'CREATE':
      return Tk.Create;
    case 'TEMP':
    case 'TEMPORARY':
      return Tk.Temp;
    case 'TRIGGER':
      return Tk.Trigger;
    case 'END':
      return Tk.End;
    default:
      return Tk.Other;
  }
}

/** Splits SQL text into statements; empty ones (only spaces, comments and `;`) are dropped. */
export function splitStatements(sql: string): StatementText[] {
  const statements: StatementText[] = [];
  let state = 0;
  let start = 0;
  let current: Token[] = [];
  const finish = (end: number) => {
    const meaningful = current.filter((t) => t.kind !== 'space' && t.kind !== 'semi');
    if (meaningful.length > 0) {
      statements.push({ text: sql.slice(start, end), start, tokens: current.filter((t) => t.kind !== 'space') });
    }
    start = end;
    current = [];
  };
  for (const token of tokenize(sql)) {
    current.push(token);
    const next = TRANSITIONS[state]?.[tokenClass(token)] ?? 2;
    if (token.kind === 'semi' && next === 1) {
      state = 1;
      finish(token.start + 1);
    } else {
      state = next;
    }
  }
  finish(sql.length);
  return statements;
}

/** A statement's bound parameters as SQLite numbers them: `names[i]` is parameter i+1's name. */
export interface ParameterInfo {
  count: number;
  names: (string | null)[];
}

export function parameterInfo(tokens: readonly Token[]): ParameterInfo {
  let count = 0;
  const byName = new Map<string, number>();
  const names: (string | null)[] = [];
  for (const token of tokens) {
    if (token.kind !== 'variable') continue;
    const text = token.text;
    if (text === '?') {
      count += 1;
      continue;
    }
    if (text.startsWith('?')) {
      const index = Number(text.slice(1));
      if (!Number.isInteger(index) || index < 1) continue; // SQLite refuses it when preparing
      count = Math.max(count, index);
      names[index - 1] ??= text;
      continue;
    }
    let index = byName.get(text);
    if (index === undefined) {
      index = ++count;
      byName.set(text, index);
    }
    names[index - 1] = text;
  }
  return { count, names: Array.from({ length: count }, (_, i) => names[i] ?? null) };
}

/** 1-based line and column just past the first token spelled `found` at or after `from`. */
export function positionAfter(sql: string, found: string, from = 0): { line: number; col: number } | undefined {
  const token = tokenize(sql).find((t) => t.start >= from && t.text === found);
  if (!token) return undefined;
  const end = token.start + token.text.length;
  const before = sql.slice(0, end);
  const line = before.split('\n').length;
  const col = end - (before.lastIndexOf('\n') + 1) + 1;
  return { line, col };
}
