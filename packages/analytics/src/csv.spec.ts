import { CsvSyntaxError, formatCsv, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, with start lines', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\n"two\nlines",z\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
    ]);
  });
  it('counts the lines inside a quoted field, so the next row starts on its own line', () => {
    expect(parseCsv('a\n"one\ntwo\nthree"\nb\n').map((r) => r.line)).toEqual([1, 2, 5]);
  });
  it('handles CRLF, a BOM, blank lines, empty fields and a missing final newline', () => {
    expect(parseCsv('\ufeffa,b\r\n\r\n,2\r\n3,')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['', '2'] },
      { line: 4, fields: ['3', ''] },
    ]);
  });
  it('rejects an unterminated quote and stray quotes, naming the line', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\nab"c\n')).toThrow(/line 2/);
    expect(() => parseCsv('a\n"ab"c\n')).toThrow(/line 2: characters after a closing quote/);
    try {
      parseCsv('a\nb\n"open\n');
      throw new Error('parseCsv accepted an unterminated quote');
    } catch (e) {
      expect(e).toBeInstanceOf(CsvSyntaxError);
      expect({ line: (e as CsvSyntaxError).line, detail: (e as CsvSyntaxError).detail }).toEqual({ line: 3, detail: 'a quoted field is not closed' });
    }
  });
  it('reads back what formatCsv writes', () => {
    const rows = [
      ['x, y', 'say "hi"'],
      ['multi\nline', ''],
    ];
    expect(parseCsv(formatCsv(['a', 'b'], rows)).map((r) => r.fields)).toEqual([['a', 'b'], ...rows]);
  });
});
