import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The query-service address the gateway talks to in distributed mode (:4002): forwards each
 * request to the next query-service instance in turn, and to another one when an instance does
 * not answer. A stand-in for the load balancer a real deployment has; any instance can answer
 * any read (they share the read database, and read-your-writes polls it).
 */
export async function startRoundRobinProxy(
  targets: readonly string[],
  options: { port: number; host?: string },
): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const target = new URL(targets[next++ % targets.length] as string);
        const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => {
          if (tries + 1 < targets.length) return attempt(tries + 1);
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ code: 'INTERNAL', message: 'no query-service instance answered' }));
        });
        upstream.end(body);
      };
      attempt(0);
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
