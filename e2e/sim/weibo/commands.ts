// `/im/req` commands (weibo-bayeux.md B.4). Each answer is a push on the sender's channel carrying
// the request id (`{data: {ret: 0, ...}, id}`, 2017 evidence); faye separately answers the publish
// itself with `successful`.
import type { SimContext } from '../module.ts';
import type { ClientInfo } from './bayeux-server.ts';
import type { FayeMessage } from './faye.ts';
import type { SentDm, World } from './world.ts';
import { msgPush, recentsPush, rosterPush, unreaderPush } from './push-shapes.ts';

export interface CommandEnv {
  world: World;
  ctx: SimContext;
  push(uid: string, data: Record<string, unknown>, replyTo?: string): number;
  /** Called after a DM was accepted (the demo friend answers from here). */
  dmSent(dm: SentDm): void;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

export function runCommand(env: CommandEnv, client: ClientInfo, message: FayeMessage): void {
  const data = typeof message.data === 'object' && message.data !== null ? (message.data as Record<string, unknown>) : {};
  const replyTo = message.id;
  const owner = env.world.ensureUser(client.uid);
  const reply = (payload: Record<string, unknown>) => env.push(owner.uid, payload, replyTo);
  const cmd = text(data['cmd']);
  env.ctx.record('weibo', 'command', { cmd, uid: owner.uid, clientId: client.clientId, data });

  switch (cmd) {
    case 'roster':
      reply(rosterPush(text(data['seq']) || 'min', owner.roster));
      return;
    case 'recents':
      reply(recentsPush(owner.recents.values()));
      return;
    case 'usersetting':
      reply({ type: 'usersetting', ret: 0, seq: text(data['seq']) || 'get', subcmd: text(data['subcmd']) || 'get', setting: { sound: 1, remind: 1, online: 1 } });
      return;
    case 'synchroniz': {
      const peer = text(data['uid']);
      if (text(data['type']) === 'dmread' && peer) {
        const recent = owner.recents.get(peer);
        if (recent) recent.unread = 0;
        reply({ type: 'synchroniz', ret: 0 });
        return;
      }
      if (typeof data['syncData'] === 'string') {
        reply({ type: 'synchroniz', ret: 0 });
        return;
      }
      reply({ type: 'synchroniz', ret: -1, error: 'missing type or syncData' });
      return;
    }
    case 'msg': {
      const to = text(data['uid']);
      const body = text(data['msg']);
      const seq = text(data['seq']);
      if (!/^[0-9]+$/.test(to) || body.trim() === '') {
        reply({ ret: -1, seq, error: 'invalid uid or empty msg' });
        return;
      }
      const dm: SentDm = { at: Date.now(), from: owner.uid, to, text: body, seq, dmid: env.world.nextDmid(), clientId: client.clientId };
      env.world.sent.push(dm);
      env.ctx.record('weibo', 'dm-sent', dm);
      env.world.noteRecent(owner, to, env.world.nickOf(owner, to), body, dm.at, false);
      reply({ ret: 0, seq, dmid: dm.dmid, time: dm.at });
      // Another simulated user receives it like any DM.
      const recipient = env.world.users.get(to);
      if (recipient) {
        env.world.noteRecent(recipient, owner.uid, owner.nick, body, dm.at, true);
        env.push(to, msgPush('2021', { from: owner.uid, text: body, time: dm.at, dmid: dm.dmid }));
        env.push(to, unreaderPush(dm.dmid, recipient.recents.values()));
      }
      env.dmSent(dm);
      return;
    }
    default:
      reply({ ret: -1, error: `unknown cmd ${cmd}` });
  }
}
