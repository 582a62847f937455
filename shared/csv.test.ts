import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv.js';

describe('CSV (RFC 4180) with formula neutralization', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"');
  });

  it('prefixes cells a spreadsheet would run as a formula', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvCell(`${lead}SUM(A1)`).replace(/^"/, '').startsWith(`'${lead}`)).toBe(true);
    }
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell(-5)).toBe('-5');
  });

  it('also after leading spaces, after a line break, and in full-width form (＝ ＋ － ＠)', () => {
    for (const value of [' =1+1', '   @SUM(A1)', '\u3000=1', '\u00A0-2', '\n=1', '＝1+1', '＋1', '－1', '＠evil', ' ＝1']) {
      expect([JSON.stringify(value), csvCell(value).replace(/^"/, '').startsWith("'")]).toEqual([JSON.stringify(value), true]);
    }
    for (const value of ['a =1', 'email@example.test', 'x-y']) expect(csvCell(value)).toBe(value);
  });

  it('ends rows with CRLF and leaves empty cells empty', () => {
    expect(csvRow(['a', null, 3, undefined])).toBe('a,,3,\r\n');
  });
});
