/**
 * CSV as RFC 4180 says (CRLF line ends, fields with a comma, quote or line break quoted, quotes
 * doubled), with one addition: a cell a spreadsheet would run as a formula is prefixed with `'`, so
 * an exported name like `=HYPERLINK(…)` stays text. A formula is a leading `=`, `+`, `-`, `@`, tab,
 * CR or LF, also after leading spaces (spreadsheets trim them before they evaluate) and in their
 * full-width forms (`＝`, `＋`, `－`, `＠`), which some spreadsheets take for the ASCII ones.
 */
const formulaStart = /^[\s\u00A0\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/u;
const needsQuotes = /[",\r\n]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
