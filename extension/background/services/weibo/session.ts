// What survives the worker (invariant 2): server, channel, clientId and the last stored ack batch.
// Validated on read: storage is data too, and an old or damaged record just means "discover again".
import { isRecord } from './bayeux-messages.ts';
import type { BayeuxState, Endpoint } from './bayeux-machine.ts';

export interface PersistedSession {
  v: 1;
  uid: string;
  endpoint: Endpoint;
  clientId?: string;
  subscribed: boolean;
  ackEnabled: boolean;
  ack?: number;
}

export function sessionOf(uid: string, state: BayeuxState): PersistedSession | undefined {
  if (!state.endpoint) return undefined;
  const session: PersistedSession = { v: 1, uid, endpoint: state.endpoint, subscribed: state.subscribed, ackEnabled: state.ackEnabled };
  if (state.clientId) session.clientId = state.clientId;
  if (state.ack !== undefined) session.ack = state.ack;
  return session;
}

export function readSession(value: unknown, uid: string): Partial<BayeuxState> | undefined {
  if (!isRecord(value) || value['v'] !== 1 || value['uid'] !== uid) return undefined;
  const endpoint = value['endpoint'];
  if (!isRecord(endpoint)) return undefined;
  const { server, channel, url } = endpoint;
  if (typeof server !== 'string' || typeof channel !== 'string' || typeof url !== 'string') return undefined;
  const restored: Partial<BayeuxState> = {
    endpoint: { server, channel, url },
    subscribed: value['subscribed'] === true,
    ackEnabled: value['ackEnabled'] === true,
  };
  if (typeof value['clientId'] === 'string' && value['clientId']) restored.clientId = value['clientId'];
  if (typeof value['ack'] === 'number') restored.ack = value['ack'];
  return restored;
}

export const sameSession = (a: PersistedSession | undefined, b: PersistedSession | undefined): boolean =>
  JSON.stringify(a) === JSON.stringify(b);
