// The CometD ack extension's server side (weibo-bayeux.md A.1.2), which faye lacks: every
// successful connect reply to an ack-enabled client carries `ext.ack = <batch>`, and events of
// batches the client has not echoed back are delivered again (at-least-once). This is what lets a
// client that was killed with a connect in flight get those messages on its next connect.
import type { FayeMessage } from './faye.ts';

interface AckClient {
  enabled: boolean;
  next: number;
  unacked: Map<number, FayeMessage[]>;
  lastEcho: number | undefined;
}

export class AckStore {
  private readonly clients = new Map<string, AckClient>();

  enable(clientId: string, enabled: boolean): void {
    this.clients.set(clientId, { enabled, next: 0, unacked: new Map(), lastEcho: undefined });
  }

  isEnabled(clientId: string): boolean {
    return this.clients.get(clientId)?.enabled ?? false;
  }

  /** The client's connect echoed `ext.ack`: everything up to that batch arrived. */
  acknowledge(clientId: string, echo: unknown): void {
    const client = this.clients.get(clientId);
    if (!client?.enabled || typeof echo !== 'number' || !Number.isInteger(echo)) return;
    client.lastEcho = echo;
    for (const batch of [...client.unacked.keys()]) if (batch <= echo) client.unacked.delete(batch);
  }

  hasUnacked(clientId: string): boolean {
    const client = this.clients.get(clientId);
    return !!client && [...client.unacked.values()].some((events) => events.length > 0);
  }

  /**
   * Seal the events of one connect reply into a new batch, together with every event of earlier
   * batches still unacknowledged (they are re-delivered first, in their original order).
   */
  seal(clientId: string, events: FayeMessage[]): { batch: number; events: FayeMessage[] } | undefined {
    const client = this.clients.get(clientId);
    if (!client?.enabled) return undefined;
    const redelivered: FayeMessage[] = [];
    for (const batch of [...client.unacked.keys()].sort((a, b) => a - b)) {
      redelivered.push(...(client.unacked.get(batch) ?? []));
      client.unacked.delete(batch);
    }
    client.next += 1;
    const all = [...redelivered, ...events];
    client.unacked.set(client.next, all);
    return { batch: client.next, events: all };
  }

  describe(clientId: string): { enabled: boolean; lastBatch: number; lastEcho: number | undefined; unacked: number } | undefined {
    const client = this.clients.get(clientId);
    if (!client) return undefined;
    let unacked = 0;
    for (const events of client.unacked.values()) unacked += events.length;
    return { enabled: client.enabled, lastBatch: client.next, lastEcho: client.lastEcho, unacked };
  }

  forget(clientId: string): void {
    this.clients.delete(clientId);
  }

  clear(): void {
    this.clients.clear();
  }
}
