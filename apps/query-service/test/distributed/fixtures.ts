import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { encodeEvent } from '@longview/contracts';
import type { LongviewEvent } from '@longview/domain';
import { openPostgres, type Database, type NewEvent } from '@longview/event-store';
import { TEST_SERVICE_KEY } from '../../src/access/testing';

export const NOW = '2026-01-15T10:00:00.000Z';

/** A fresh PostgreSQL database on the test server, with its URL (child processes need it). */
export async function freshDatabase(serverUrl: string): Promise<{ url: string; db: Database; drop(): Promise<void> }> {
  const name = `lv_test_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(serverUrl, { max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

export function wire(event: LongviewEvent): NewEvent {
  return { ...encodeEvent(event), metadata: { occurredAt: NOW } };
}

export function trustRegistered(code: string): LongviewEvent {
  return {
    type: 'TrustRegistered',
    data: {
      code,
      name: `Trust ${code}`,
      context: { kind: 'ACUTE', region: 'LONDON', beds: 400, oversightSegment: 2 },
      effectiveFrom: '2020-04-01',
      registeredAt: NOW,
    },
  };
}

/** An intervention's history: proposed, then `cycles` PDSA cycles. Applying any event twice would show in its history. */
export function interventionHistory(trustCode: string, cycles: number): { streamId: string; events: LongviewEvent[] } {
  const id = randomUUID();
  const events: LongviewEvent[] = [
    {
      type: 'InterventionProposed',
      data: {
        interventionId: id,
        trustCode,
        title: `Intervention ${id.slice(0, 8)}`,
        summary: 'Test',
        category: 'PATIENT_FLOW',
        approach: 'SYSTEMIC',
        targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
        sharing: 'PUBLIC',
        proposedAt: NOW,
      },
    },
  ];
  for (let n = 1; n <= cycles; n++) {
    events.push({
      type: 'PdsaCycleLogged',
      data: { interventionId: id, cycleNumber: n, cycle: { plan: `p${n}`, do: 'd', study: 's', act: 'a', cycleDate: '2025-01-01' }, loggedAt: NOW },
    });
  }
  return { streamId: `intervention-${id}`, events };
}

/** Every read-model table, ordered, for comparing two databases. */
export async function dumpReadModels(db: Database): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    rm_trusts: 'SELECT code, name, context, context_history, metrics FROM rm_trusts ORDER BY code',
    rm_trust_interventions: 'SELECT trust_code, intervention_id, sharing, stream_version FROM rm_trust_interventions ORDER BY trust_code, intervention_id',
    rm_interventions: 'SELECT id, trust_code, status, doc FROM rm_interventions ORDER BY id',
    rm_series: 'SELECT trust_code, metric, doc FROM rm_series ORDER BY trust_code, metric',
    rm_stream_checkpoints: 'SELECT projection, stream_id, version, position FROM rm_stream_checkpoints WHERE version > 0 ORDER BY projection, stream_id',
  };
  const dump: Record<string, unknown[]> = {};
  for (const [table, sql] of Object.entries(tables)) dump[table] = (await db.query(sql)).rows;
  return dump;
}

export async function waitUntil(what: string, condition: () => Promise<boolean>, timeoutMs = 60000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Events applied by every projection, summed over streams (from the checkpoints). */
export async function appliedEvents(db: Database): Promise<number> {
  const { rows } = await db.query<{ n: string | null }>(
    `SELECT sum(v) AS n FROM (SELECT stream_id, min(version) AS v FROM rm_stream_checkpoints GROUP BY stream_id) per_stream`,
  );
  return Number(rows[0]?.n ?? 0);
}

const MAIN = path.resolve(__dirname, '../../dist/main.js');

/** A query-service process (dist/main.js), so a test can SIGKILL it. Resolves once it logs "ready". */
export async function spawnQueryService(env: Record<string, string>): Promise<{ child: ChildProcess; output: string[]; url: string }> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', LONGVIEW_SERVICE_KEY: TEST_SERVICE_KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`query-service did not start:\n${output.join('\n')}`)), 60000);
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        output.push(line);
        if (output.length > 200) output.shift();
        const match = /"msg":"ready".*"url":"([^"]+)"/.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      }
    };
    child.stdout?.on('data', onLine);
    child.stderr?.on('data', onLine);
    child.once('exit', (code) => reject(new Error(`query-service exited with ${code}:\n${output.join('\n')}`)));
  });
  return { child, output, url };
}

export function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}
