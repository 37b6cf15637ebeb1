import type { IncomingMessage, ServerResponse } from 'node:http';
import { signDevToken, verifyToken } from '@longview/gateway';
import { writeBackup, type BackupSink, type Database } from '@longview/event-store';
import { EXPORT_FORMATS, ExportRequestError, readModelTable, writeExport, type ExportFormat } from '../export/data-export';

/**
 * The embedded platform's admin surface on its command-service: PGlite is one process per data
 * folder, so `longview backup` and `export` reach a running platform's data through it rather
 * than opening the folder. ADMIN tokens signed with the folder's dev key only.
 *
 *   GET /admin/backup                                  the backup file (event-store backup format)
 *   GET /admin/export?format=ndjson|csv[&readModel=N]  what `longview export` writes
 */
export function adminHandler(deps: { readonly database: Database; readonly jwtSecret: string }) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void handle(deps, req, res).catch((error: unknown) => {
      if (!res.headersSent) fail(res, 500, error instanceof Error ? error.message : String(error));
      // Mid-stream: cut the response, so the client sees an incomplete file (no checksum line) and says so.
      else res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  };
}

async function handle(deps: { database: Database; jwtSecret: string }, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://platform');
  if (req.method !== 'GET') return fail(res, 405, 'only GET');
  const authorization = req.headers.authorization ?? '';
  const token = /^Bearer (.+)$/.exec(authorization)?.[1];
  if (!token) return fail(res, 401, 'an ADMIN token is needed (longview token --role admin --data DIR)');
  const claims = await verifyToken(token, deps.jwtSecret).catch(() => undefined);
  if (!claims) return fail(res, 401, 'the token is not valid for this data folder');
  if (claims.role !== 'ADMIN') return fail(res, 403, 'only an ADMIN may back up or export the data');

  const sink = responseSink(res);
  if (url.pathname === '/backup') {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    await writeBackup(deps.database, sink);
    res.end();
    return;
  }
  if (url.pathname === '/export') {
    const format = url.searchParams.get('format') ?? 'ndjson';
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) return fail(res, 400, `format must be ndjson or csv, not "${format}"`);
    const readModel = url.searchParams.get('readModel') ?? undefined;
    try {
      // Resolve the name before the first byte, so an unknown one is a clean 400.
      if (readModel !== undefined) readModelTable(readModel);
    } catch (error) {
      if (error instanceof ExportRequestError) return fail(res, 400, error.message);
      throw error;
    }
    res.writeHead(200, { 'content-type': format === 'csv' ? 'text/csv' : 'application/x-ndjson' });
    await writeExport({ events: deps.database, read: deps.database }, { format: format as ExportFormat, readModel }, sink);
    res.end();
    return;
  }
  fail(res, 404, `no admin route ${url.pathname}`);
}

function fail(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: message }));
}

function responseSink(res: ServerResponse): BackupSink {
  return {
    write: (chunk) =>
      new Promise((resolve, reject) => {
        if (res.destroyed) return reject(new Error('the client went away'));
        if (res.write(chunk)) resolve();
        else res.once('drain', () => resolve());
      }),
  };
}

/** Streams an admin route of the platform at `commandUrl` into `sink`; throws with the platform's message on refusal. */
export async function fetchFromPlatform(commandUrl: string, route: string, jwtSecret: string, sink: BackupSink): Promise<void> {
  const token = signDevToken({ role: 'ADMIN', sub: 'longview-cli', expiresInSeconds: 600 }, jwtSecret);
  const response = await fetch(`${commandUrl}/admin${route}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(`the platform at ${commandUrl} refused: ${body.error ?? `HTTP ${response.status}`}`);
  }
  const decoder = new TextDecoder();
  for await (const chunk of response.body) await sink.write(decoder.decode(chunk as Uint8Array, { stream: true }));
  const rest = decoder.decode();
  if (rest) await sink.write(rest);
}
