import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectCsvDelimiter, parseCsv, writeCsv } from './csv.ts';

const fields = (text: string): string[][] => parseCsv(text).records.map((r) => [...r.fields]);

describe('parseCsv (RFC 4180)', () => {
  it('reads plain, quoted and escaped fields', () => {
    expect(fields('a,b,c\r\n1,"x, y","say ""hi"""\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
    ]);
  });
  it('keeps line breaks inside quotes and numbers records, not lines', () => {
    const r = parseCsv('h1,h2\n"line 1\nline 2",x\ny,z');
    expect(r.records.map((x) => x.record)).toEqual([1, 2, 3]);
    expect(r.records[1]?.fields).toEqual(['line 1\nline 2', 'x']);
  });
  it('accepts CR, LF and CRLF, a missing final line end, and empty fields', () => {
    expect(fields('a,,c\rd,e,\nf')).toEqual([['a', '', 'c'], ['d', 'e', ''], ['f']]);
    expect(fields('')).toEqual([]);
  });
  it('flags an unclosed quote', () => {
    const r = parseCsv('a,b\n"open,1\n2,3');
    expect(r.malformed).toEqual([2]);
  });
  it('detects the delimiter Vietnamese Excel uses', () => {
    expect(detectCsvDelimiter('Mã thủ tục;Tên thủ tục;"a,b"\n')).toBe(';');
    expect(detectCsvDelimiter('a\tb\tc')).toBe('\t');
    expect(detectCsvDelimiter('a,b')).toBe(',');
    expect(fields('x;"y;z"\n1;2')).toEqual([
      ['x', 'y;z'],
      ['1', '2'],
    ]);
  });
  it('round-trips any table through writeCsv', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'ă', 'Đ', ',', ';', '"', '\n', '\r', ' ', '|', 'x'),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom<',' | ';'>(',', ';'),
        (rows, delimiter) => {
          // Rows have 2+ fields: a lone empty field is indistinguishable from an empty line.
          expect(parseCsv(writeCsv(rows, delimiter), delimiter).records.map((r) => r.fields)).toEqual(rows);
        },
      ),
    );
  });
});
