// A typed client for the simulator's control API (docs/simulator.md).
export interface SimRecord {
  at: number;
  service: string;
  kind: string;
  detail: unknown;
}

export class SimControl {
  constructor(readonly url: string) {}

  async call<T = unknown>(path: string, body: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${this.url}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const value = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new Error(`simulator ${path}: ${value.error ?? response.status}`);
    return value;
  }

  reset(): Promise<unknown> {
    return this.call('reset');
  }

  async records(service?: string, kind?: string): Promise<SimRecord[]> {
    const query = new URLSearchParams({ ...(service ? { service } : {}), ...(kind ? { kind } : {}) });
    const response = await fetch(`${this.url}/records?${query}`);
    return (await response.json()) as SimRecord[];
  }
}
