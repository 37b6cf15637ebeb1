import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A webhook receiver on 127.0.0.1 for consumer tests: `answer` picks the status per request body; bodies answered 2xx are kept. */
export async function webhookReceiver<T>(answer: (body: T) => number): Promise<{ url: string; received: T[]; close(): Promise<void> }> {
  const received: T[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(text) as T;
      const status = answer(body);
      if (status < 300) received.push(body);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/digest`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
