/**
 * CSV as RFC 4180 says (CRLF line ends, fields with a comma, quote or line break quoted, quotes
 * doubled), with one addition: a cell a spreadsheet would run as a formula (leading `=`, `+`, `-`,
 * `@`, tab or CR) is prefixed with `'`, so an exported name like `=HYPERLINK(…)` stays text.
 */
const formulaStart = /^[=+\-@\t\r]/;
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
