/**
 * The one CSV reader of Longview (the importers and the analytics commands both use it).
 * RFC 4180: quoted fields, "" for a quote inside quotes, commas and line breaks inside quotes,
 * CRLF, LF or CR line endings, a leading UTF-8 byte-order mark. Every row carries the 1-based
 * line of the file on which it starts, so an error points at the line a person would open in
 * an editor.
 */

export interface CsvRow {
  readonly fields: string[];
  /** 1-based line on which the row starts, for error messages. */
  readonly line: number;
}

/** Malformed CSV. `message` is `line N: detail`; `line` and `detail` are there for callers that word their own. */
export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';

  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
  }
}

export function parseCsv(text: string): CsvRow[] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let quoted = false;
  let afterQuote = false;
  const endField = (): void => {
    fields.push(field);
    field = '';
    afterQuote = false;
  };
  const endRow = (): void => {
    endField();
    // A blank line is not a row (a trailing newline, or spacing in hand-written files).
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ fields, line: rowLine });
    fields = [];
  };
  while (i < src.length) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else if (ch === '"') {
      if (field !== '' || afterQuote) throw new CsvSyntaxError(line, 'a quote inside an unquoted field');
      quoted = true;
    } else {
      if (afterQuote) throw new CsvSyntaxError(line, 'characters after a closing quote');
      field += ch;
    }
    i++;
  }
  if (quoted) throw new CsvSyntaxError(rowLine, 'a quoted field is not closed');
  if (field !== '' || fields.length > 0 || afterQuote) endRow();
  return rows;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n';
}
