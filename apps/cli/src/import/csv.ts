/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes inside quotes, commas and line
 * breaks inside quotes, LF or CRLF line endings, an optional UTF-8 byte-order mark.
 * Every record carries the 1-based line number of the file on which it starts, so errors
 * can point at the line a person would open in an editor.
 */
export interface CsvRecord {
  /** 1-based line number of the file where the record starts. */
  readonly line: number;
  readonly fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let recordLine = 1;
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  let quotedField = false;
  let fieldHasContent = false;
  let i = 0;
  const endField = () => {
    fields.push(field);
    field = '';
    quotedField = false;
    fieldHasContent = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is not a record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        continue;
      }
      if (ch === '\n') line += 1;
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"') {
      if (fieldHasContent || quotedField) {
        throw new CsvSyntaxError(line, 'unexpected quote inside an unquoted or already closed field');
      }
      inQuotes = true;
      quotedField = true;
      i += 1;
      continue;
    }
    if (ch === ',') {
      endField();
      i += 1;
      continue;
    }
    if (ch === '\r' && src[i + 1] === '\n') {
      i += 1;
      continue;
    }
    if (ch === '\n') {
      endRecord();
      line += 1;
      recordLine = line;
      i += 1;
      continue;
    }
    if (quotedField) throw new CsvSyntaxError(line, 'characters after a closing quote');
    field += ch;
    fieldHasContent = true;
    i += 1;
  }
  if (inQuotes) throw new CsvSyntaxError(recordLine, 'unterminated quoted field');
  if (field !== '' || fields.length > 0 || quotedField) endRecord();
  return records;
}
