// Injected faults for the QQ simulator (design §4): HTTP 5xx, empty body (the server's "NULL"),
// malformed bodies (mismatched parallel lists, HTML), slow bodies, huge bodies, connection resets
// and any raw body a test wants. Each fault applies to the next `times` matching requests.
import type { ServerResponse } from 'node:http';

export type FaultKind = '5xx' | 'empty' | 'malformed' | 'slow' | 'huge' | 'reset' | 'raw';

export interface Fault {
  kind: FaultKind;
  /** Upper-case command name it applies to; any command when absent. */
  cmd?: string;
  times: number;
  status?: number;
  delayMs?: number;
  body?: string;
}

const KINDS: readonly FaultKind[] = ['5xx', 'empty', 'malformed', 'slow', 'huge', 'reset', 'raw'];

export function parseFault(body: Record<string, unknown>): Fault {
  const kind = body.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind as FaultKind)) throw new Error(`fault kind must be one of ${KINDS.join(', ')}`);
  return {
    kind: kind as FaultKind,
    cmd: typeof body.cmd === 'string' ? body.cmd.toUpperCase() : undefined,
    times: typeof body.times === 'number' && body.times > 0 ? body.times : 1,
    status: typeof body.status === 'number' ? body.status : undefined,
    delayMs: typeof body.delayMs === 'number' ? body.delayMs : undefined,
    body: typeof body.body === 'string' ? body.body : undefined,
  };
}

export class FaultQueue {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push(fault);
  }

  clear(): void {
    this.faults = [];
  }

  get pending(): readonly Fault[] {
    return this.faults;
  }

  /** The fault for this request, consuming one use of it. */
  take(cmd: string): Fault | undefined {
    const fault = this.faults.find((f) => f.cmd === undefined || f.cmd === cmd);
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}

/** Answer a request with a fault that replaces the real answer. Returns false for faults that only delay. */
export function serveFault(fault: Fault, res: ServerResponse, envelope: string): boolean {
  const text = (status: number, body: string) =>
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(body);
  switch (fault.kind) {
    case '5xx':
      text(fault.status ?? 503, 'Service Unavailable');
      return true;
    case 'empty':
      text(200, '');
      return true;
    case 'malformed':
      // Parallel lists of different lengths (A.10): MT has two entries, UN one, MG three.
      text(200, `${envelope}&RES=0&MN=2&MT=9,9,&UN=20002,&MG=one,two,three,\r\n`);
      return true;
    case 'huge':
      text(200, `${envelope}&RES=0&MN=0&MT=&UN=&MG=&PAD=${'x'.repeat(2 * 1024 * 1024)}\r\n`);
      return true;
    case 'raw':
      text(200, fault.body ?? '');
      return true;
    case 'reset':
      res.socket?.destroy();
      return true;
    case 'slow':
      return false;
  }
}
