// The QQ HTTP interface simulator: `http://tqq.tencent.com:8000/`, key=value POSTs
// (../shared/protocols/qq-and-peers.md section A, seed 004). Built from the document, not from
// our client; docs/simulator-qq.md describes its behaviour and control API.
import type { IncomingMessage } from 'node:http';
import type { SimContext, SimModule, SimRequest } from '../module.ts';
import { answer } from './commands.ts';
import { controlActions } from './control.ts';
import { DemoScript } from './demo.ts';
import { FaultQueue, serveFault } from './faults.ts';
import { decodeRequest, encodeReply } from './wire.ts';
import { World } from './world.ts';

export const QQ_HOST = 'tqq.tencent.com';
const MAX_REQUEST_BYTES = 64 * 1024;
const DEFAULT_SLOW_MS = 2000;

export function qqModule(ctx: SimContext): SimModule {
  let world = new World();
  const faults = new FaultQueue();
  const demo = new DemoScript(() => world);
  const held = new Set<ReturnType<typeof setTimeout>>();
  if (ctx.demo) demo.start();

  const record = (kind: string, detail: unknown) => ctx.record('qq', kind, detail);

  async function handle({ req, res, url }: SimRequest): Promise<void> {
    const plain = (status: number, body: string) =>
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(body);
    if (url.pathname !== '/') return void plain(404, 'Not Found');
    // The interface does not support GET (seed 004 §1).
    if (req.method !== 'POST') return void plain(405, 'Method Not Allowed');
    const body = await readBody(req);
    if (body === undefined) return void plain(413, 'Request Entity Too Large');

    const fields = decodeRequest(body);
    const cmd = (fields.get('CMD') ?? '').toUpperCase();
    if (cmd !== 'GETMSGEX') record('request', { cmd, seq: fields.get('SEQ'), uin: fields.get('UIN') });
    const envelope = ['VER', 'CMD', 'SEQ', 'UIN'].map((k) => `${k}=${fields.get(k) ?? ''}`).join('&');
    const fault = faults.take(cmd);
    if (fault) {
      record('fault', { kind: fault.kind, cmd });
      if (serveFault(fault, res, envelope)) return;
    }

    const reply = answer(fields, { world, now: Date.now(), record, onSent: (sent) => (ctx.demo ? demo.onSent(sent) : undefined) });
    const text = reply === null ? '' : encodeReply(reply);
    if (cmd === 'GETMSGEX' && reply) watchDelivery(res, reply, world);
    if (fault?.kind === 'slow') {
      // Slow body: headers now, the answer later.
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.flushHeaders();
      const timer = setTimeout(() => {
        held.delete(timer);
        res.end(text);
      }, fault.delayMs ?? DEFAULT_SLOW_MS);
      held.add(timer);
      return;
    }
    plain(200, text);
  }

  return {
    name: 'qq',
    claims: (host) => host === QQ_HOST,
    handle,
    control: controlActions({ world: () => world, faults }),
    reset() {
      demo.stop();
      for (const timer of held) clearTimeout(timer);
      held.clear();
      faults.clear();
      world = new World();
      if (ctx.demo) demo.start();
    },
    close() {
      demo.stop();
      for (const timer of held) clearTimeout(timer);
      held.clear();
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A GetMsgEx answer that never fully reached its client: its messages are lost (no ack, A.6). */
function watchDelivery(res: SimRequest['res'], reply: NonNullable<ReturnType<typeof answer>>, world: World): void {
  const texts = reply.find(([key]) => key === 'MG')?.[1];
  if (!Array.isArray(texts) || texts.length === 0) return;
  res.on('close', () => {
    if (!res.writableFinished) world.lostInFlight.push(...texts.map(String));
  });
}
