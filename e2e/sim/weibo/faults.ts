// Injected faults (design §4): answered INSTEAD of the real reply, before faye sees the request,
// so a faulted connect or send is simply not processed (no socket is ever cut under a held poll).
import type { ServerResponse } from 'node:http';
import { sendText } from './wire.ts';

export type FaultKind =
  | 'http500'
  | 'http502'
  | 'reset'
  | 'empty'
  | 'hostile'
  | 'prefix'
  | 'wrongCallback'
  | 'malformed'
  | 'trailing';
export const FAULT_KINDS: readonly FaultKind[] = [
  'http500',
  'http502',
  'reset',
  'empty',
  'hostile',
  'prefix',
  'wrongCallback',
  'malformed',
  'trailing',
];

/** Which requests a fault hits: any Bayeux request, only connects, only DM sends, or webim.jsp. */
export type FaultTarget = 'bayeux' | 'connect' | 'send' | 'discovery';
export const FAULT_TARGETS: readonly FaultTarget[] = ['bayeux', 'connect', 'send', 'discovery'];

interface PendingFault {
  kind: FaultKind;
  target: FaultTarget;
  remaining: number;
}

export class Faults {
  private pending: PendingFault[] = [];

  add(kind: FaultKind, target: FaultTarget, count: number): void {
    this.pending.push({ kind, target, remaining: Math.max(1, Math.floor(count)) });
  }

  /** Consume one fault matching any of the request's targets. */
  take(targets: readonly FaultTarget[]): FaultKind | undefined {
    const fault = this.pending.find((f) => targets.includes(f.target));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.pending.splice(this.pending.indexOf(fault), 1);
    return fault.kind;
  }

  list(): { kind: FaultKind; target: FaultTarget; remaining: number }[] {
    return this.pending.map((f) => ({ ...f }));
  }

  clear(): void {
    this.pending = [];
  }
}

const ERROR_PAGE = (status: number, title: string) =>
  `<html><head><title>${status} ${title}</title></head><body><center><h1>${status} ${title}</h1></center><hr><center>nginx</center></body></html>`;

/** `callback` is the name the request asked for; `example` a plausible JSON payload. */
export function answerFault(res: ServerResponse, kind: FaultKind, callback: string, example: string): void {
  const script = 'text/javascript; charset=utf-8';
  switch (kind) {
    case 'http500':
      return sendText(res, 500, 'text/html', ERROR_PAGE(500, 'Internal Server Error'));
    case 'http502':
      return sendText(res, 502, 'text/html', ERROR_PAGE(502, 'Bad Gateway'));
    case 'reset':
      // Safe here: faye never saw this request, so nothing will write to the socket later.
      res.socket?.destroy();
      return;
    case 'empty':
      return sendText(res, 200, script, '');
    case 'hostile':
      return sendText(res, 200, script, `${callback}(alert(1))`);
    case 'prefix':
      return sendText(res, 200, script, `x();${callback}(${example})`);
    case 'wrongCallback':
      return sendText(res, 200, script, `/**/jsonpcallback(${example});`);
    case 'malformed':
      return sendText(res, 200, script, `try{${callback}(${example.slice(0, -2)},)}catch(e){}`);
    case 'trailing':
      return sendText(res, 200, script, `${callback}(${example});alert(document.cookie)`);
  }
}
