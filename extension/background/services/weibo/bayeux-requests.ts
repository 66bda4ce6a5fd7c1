// The messages the client sends, shaped like Weibo's own web client (weibo-bayeux.md B.3, D.2).
import type { OutgoingMessage } from './bayeux-messages.ts';
import type { BayeuxState } from './bayeux-machine.ts';
import { connectHoldMs } from './bayeux-machine.ts';

export const CONNECTION_TYPE = 'callback-polling';
export const IM_REQUEST_CHANNEL = '/im/req';

export function handshakeMessage(id: string, now: number): OutgoingMessage {
  return {
    channel: '/meta/handshake',
    version: '1.0',
    minimumVersion: '0.9',
    supportedConnectionTypes: [CONNECTION_TYPE],
    advice: { timeout: 60_000, interval: 0 },
    id,
    ext: { ack: true, timesync: { tc: now, l: 0, o: 0 } },
  };
}

export function connectMessage(state: BayeuxState, clientId: string, id: string): OutgoingMessage {
  const message: OutgoingMessage = {
    channel: '/meta/connect',
    connectionType: CONNECTION_TYPE,
    advice: { timeout: connectHoldMs(state) },
    id,
    clientId,
  };
  // Echo the last batch we have stored (A.1.2). Before the first batch there is nothing to echo.
  if (state.ackEnabled && state.ack !== undefined) message['ext'] = { ack: state.ack };
  return message;
}

export function subscribeMessage(channel: string, clientId: string, id: string): OutgoingMessage {
  return { channel: '/meta/subscribe', subscription: channel, id, clientId };
}

export function publishMessage(data: Record<string, unknown>, clientId: string, id: string): OutgoingMessage {
  return { channel: IM_REQUEST_CHANNEL, data, id, clientId };
}

export function disconnectMessage(clientId: string, id: string): OutgoingMessage {
  return { channel: '/meta/disconnect', id, clientId };
}

/** `/im/req` command bodies seen in public code (B.4). */
export const imCommands = {
  roster: (): Record<string, unknown> => ({ cmd: 'roster', online: '1', limit: '2000', seq: 'min' }),
  recents: (): Record<string, unknown> => ({ cmd: 'recents' }),
  usersetting: (): Record<string, unknown> => ({ cmd: 'usersetting', subcmd: 'get', seq: 'get' }),
  msg: (uid: string, text: string, seq: string): Record<string, unknown> => ({ cmd: 'msg', uid, msg: text, seq }),
  dmread: (uid: string): Record<string, unknown> => ({ cmd: 'synchroniz', type: 'dmread', uid }),
};
