import { stringify } from 'csv-stringify/sync';
import { forEachEventInSnapshot, type BackupEvent, type BackupSink, type Database } from '@longview/event-store';
import { READ_MODELS } from '@longview/query-service';

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  readonly format: ExportFormat;
  /** A read model (projection) name, or one of its tables; undefined = the event log. */
  readonly readModel?: string | undefined;
}

/** A request naming something that is not there (an unknown read model). */
export class ExportRequestError extends Error {
  override name = 'ExportRequestError';
}

/** The columns of the event log in CSV: the envelope flat, the payload and metadata as JSON text. */
const EVENT_COLUMNS = [
  'position',
  'event_id',
  'stream_id',
  'stream_version',
  'type',
  'schema_version',
  'occurred_at',
  'recorded_at',
  'trust_code',
  'actor_role',
  'actor_id',
  'command_id',
  'data',
  'metadata',
] as const;

function eventCsvRow(e: BackupEvent): unknown[] {
  const metadata = (e.metadata ?? {}) as { occurredAt?: string; trustCode?: string; commandId?: string; actor?: { role?: string; id?: string } };
  return [
    e.position,
    e.eventId,
    e.streamId,
    e.streamVersion,
    e.type,
    e.schemaVersion,
    metadata.occurredAt ?? '',
    e.recordedAt,
    metadata.trustCode ?? '',
    metadata.actor?.role ?? '',
    metadata.actor?.id ?? '',
    metadata.commandId ?? '',
    JSON.stringify(e.data ?? null),
    JSON.stringify(e.metadata),
  ];
}

/** The table a read-model name stands for: a projection's first (main) table, or one of its tables by name. */
export function readModelTable(name: string): string {
  for (const { projection } of READ_MODELS) {
    if (projection.name === name && projection.tables[0]) return projection.tables[0];
    if (projection.tables.includes(name)) return name;
  }
  const known = READ_MODELS.map(({ projection }) => `${projection.name} (${projection.tables.join(', ')})`).join('; ');
  throw new ExportRequestError(`no read model "${name}"; known: ${known}`);
}

/**
 * Writes the event log (from `events`) or one read model's table (from `read`) to `sink`, as
 * NDJSON (one JSON object per line) or CSV with a header row; read from one snapshot, a batch at
 * a time. Returns the number of rows written.
 */
export async function writeExport(dbs: { events: Database; read: Database }, request: ExportRequest, sink: BackupSink): Promise<number> {
  if (request.readModel !== undefined) return writeTable(dbs.read, readModelTable(request.readModel), request.format, sink);
  let rows = 0;
  if (request.format === 'csv') await sink.write(stringify([[...EVENT_COLUMNS]]));
  await forEachEventInSnapshot(dbs.events, async (events) => {
    rows += events.length;
    await sink.write(request.format === 'csv' ? stringify(events.map(eventCsvRow)) : events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  });
  return rows;
}

async function writeTable(db: Database, table: string, format: ExportFormat, sink: BackupSink): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const { rows: columnRows } = await tx.query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      [table],
    );
    const columns = columnRows.map((c) => c.name);
    const order = columns.map((_c, i) => String(i + 1)).join(', ');
    // The table name comes from the read-model registry, never from the user's text as such.
    await tx.query(`DECLARE lv_export NO SCROLL CURSOR FOR SELECT * FROM ${table} ORDER BY ${order}`);
    if (format === 'csv') await sink.write(stringify([columns]));
    let count = 0;
    for (;;) {
      const { rows } = await tx.query<Record<string, unknown>>('FETCH 1000 FROM lv_export');
      if (rows.length === 0) break;
      count += rows.length;
      await sink.write(
        format === 'csv' ? stringify(rows.map((row) => columns.map((c) => csvValue(row[c])))) : rows.map((row) => `${JSON.stringify(row)}\n`).join(''),
      );
    }
    await tx.query('CLOSE lv_export');
    return count;
  });
}

/** A cell: text as it is, dates as ISO-8601, objects and arrays as JSON, null as empty. */
function csvValue(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}
