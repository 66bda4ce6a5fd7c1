// Armed faults: "the next N requests to endpoint E misbehave like this". Control action `fault`.

export const FAULT_KINDS = ['http', 'reset', 'slow', 'malformed', 'hostile', 'retcode', 'hang'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  /** Endpoint name (last path segment, e.g. 'synccheck', 'webwxsync', 'jslogin', 'qrcode') or '*'. */
  endpoint: string;
  kind: FaultKind;
  /** HTTP status for kind 'http' (default 503). */
  status: number;
  /** Protocol code for kind 'retcode' (synccheck retcode, BaseResponse.Ret, XML ret, window.code). */
  retcode: number;
  /** Total duration over which a 'slow' body is dribbled out (default 3000 ms). */
  delayMs: number;
  remaining: number;
}

export class FaultQueue {
  private faults: Fault[] = [];

  arm(spec: Partial<Fault> & { endpoint: string; kind: FaultKind; count?: number }): Fault {
    const fault: Fault = {
      endpoint: spec.endpoint,
      kind: spec.kind,
      status: spec.status ?? 503,
      retcode: spec.retcode ?? 1101,
      delayMs: spec.delayMs ?? 3000,
      remaining: Math.max(1, Math.floor(spec.count ?? 1)),
    };
    this.faults.push(fault);
    return fault;
  }

  /** Consume one use of the first fault matching this endpoint. */
  take(endpoint: string): Fault | undefined {
    const fault = this.faults.find((f) => f.endpoint === endpoint || f.endpoint === '*');
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}
