import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createServiceCredentialVerifier } from '@longview/service-auth';
import { AE_IMPORTER, cliClients, runningPlatformServiceKey, serviceKey, ServiceKeyMissingError, SERVICE_KEY_FILE } from './service-key';

describe('the service key of a data folder', () => {
  let dir: string;
  const saved = process.env['LONGVIEW_SERVICE_KEY'];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longview-service-key-'));
    delete process.env['LONGVIEW_SERVICE_KEY'];
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env['LONGVIEW_SERVICE_KEY'];
    else process.env['LONGVIEW_SERVICE_KEY'] = saved;
  });

  it('is made once, kept in DIR/service-key readable by its owner only, and read back after', () => {
    const key = serviceKey(dir);
    expect(key.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, SERVICE_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(serviceKey(dir)).toBe(key);
    expect(runningPlatformServiceKey(dir)).toBe(key);
  });

  it('lives in memory without a data folder, and LONGVIEW_SERVICE_KEY overrides the file', () => {
    expect(serviceKey(undefined)).not.toBe(serviceKey(undefined));
    process.env['LONGVIEW_SERVICE_KEY'] = 'k'.repeat(40);
    expect(serviceKey(dir)).toBe('k'.repeat(40));
    expect(fs.existsSync(path.join(dir, SERVICE_KEY_FILE))).toBe(false);
    expect(runningPlatformServiceKey(null)).toBe('k'.repeat(40));
    // Read exactly as the services read it: trimmed, and refused when too short.
    process.env['LONGVIEW_SERVICE_KEY'] = ` ${'k'.repeat(40)}\n`;
    expect(serviceKey(dir)).toBe('k'.repeat(40));
    process.env['LONGVIEW_SERVICE_KEY'] = 'short';
    expect(() => serviceKey(dir)).toThrow('LONGVIEW_SERVICE_KEY is 5 characters long; it must be at least 32');
  });

  it("a running platform's key is read, never made: a folder without one is a clear error", () => {
    expect(() => runningPlatformServiceKey(dir)).toThrow(ServiceKeyMissingError);
    expect(() => runningPlatformServiceKey(dir)).toThrow(/has no service-key .* set LONGVIEW_SERVICE_KEY/);
    expect(fs.existsSync(path.join(dir, SERVICE_KEY_FILE))).toBe(false);
    expect(() => runningPlatformServiceKey(null)).toThrow(/in memory; set LONGVIEW_SERVICE_KEY/);
  });

  it("the CLI's clients send a SYSTEM credential signed as longview-cli", async () => {
    const key = serviceKey(dir);
    const verify = createServiceCredentialVerifier(key);
    const seen: unknown[] = [];
    const server = createServer((req, res) => {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      void verify(token).then(
        (credential) => {
          seen.push(credential);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ position: '0' }));
        },
        () => res.writeHead(401).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { queries } = cliClients({ commandUrl: url, queryUrl: url }, key, AE_IMPORTER);
      await queries.position();
      expect(seen).toEqual([{ actor: AE_IMPORTER, issuer: 'longview-cli' }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
