import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from './http.ts';

// A real loopback server: one route answers at once, one holds the response until the test lets it
// go, one sends headers then stalls the body (a "slow body").
const held: http.ServerResponse[] = [];
const server = http.createServer((req, res) => {
  if (req.url === '/ok') return void res.end('hello 你好');
  if (req.url === '/bytes') return void res.end(Buffer.from([1, 2, 3]));
  if (req.url === '/stall-body') {
    res.writeHead(200);
    res.write('partial');
    held.push(res);
    return;
  }
  held.push(res);
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  server.close();
});

describe('httpRequest', () => {
  it('returns status and text', async () => {
    const outcome = await httpRequest({ url: `${base}/ok`, deadlineMs: 5000 });
    expect(outcome).toMatchObject({ ok: true, status: 200, text: 'hello 你好' });
  });

  it('returns bytes when asked', async () => {
    const outcome = await httpRequest({ url: `${base}/bytes`, deadlineMs: 5000, responseType: 'bytes' });
    expect(outcome.ok && [...(outcome.bytes ?? [])]).toEqual([1, 2, 3]);
  });

  it('gives up at the deadline when the server holds the request', async () => {
    const outcome = await httpRequest({ url: `${base}/hold`, deadlineMs: 200 });
    expect(outcome).toMatchObject({ ok: false, failure: 'timeout' });
  });

  it('counts a body that stalls after the headers against the same deadline', async () => {
    const outcome = await httpRequest({ url: `${base}/stall-body`, deadlineMs: 200 });
    expect(outcome).toMatchObject({ ok: false, failure: 'timeout' });
  });

  it('reports an abort by the caller as aborted, not as a timeout', async () => {
    const controller = new AbortController();
    const pending = httpRequest({ url: `${base}/hold`, deadlineMs: 60_000, signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, failure: 'aborted' });
  });

  it('reports a refused connection as a network failure', async () => {
    const outcome = await httpRequest({ url: 'http://127.0.0.1:1/', deadlineMs: 5000 });
    expect(outcome).toMatchObject({ ok: false, failure: 'network' });
  });
});
