// Control API of the Weibo simulator: POST /weibo/<action> on the control port.
import type { ControlAction } from '../module.ts';
import type { BayeuxBackend } from './bayeux-server.ts';
import type { FaultKind, FaultTarget, Faults } from './faults.ts';
import { FAULT_KINDS, FAULT_TARGETS } from './faults.ts';
import type { DmShape } from './push-shapes.ts';
import { msgPush, readElsewherePush, rosterPush, sentElsewherePush, unreaderPush } from './push-shapes.ts';
import type { WrapperStyle } from './wire.ts';
import { WRAPPER_STYLES } from './wire.ts';
import type { RosterEntry, World } from './world.ts';
import { UID_PATTERN } from './world.ts';

export interface ControlEnv {
  world: World;
  backend: BayeuxBackend;
  faults: Faults;
  wrapper: { style: WrapperStyle };
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

function uid(value: unknown, what: string): string {
  const id = str(value);
  if (!id || !UID_PATTERN.test(id)) throw new Error(`${what} must be a numeric Weibo uid`);
  return id;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string, fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  const found = allowed.find((item) => item === value);
  if (!found) throw new Error(`${what} must be one of ${allowed.join(', ')}`);
  return found;
}

export function controlActions(env: ControlEnv): Record<string, ControlAction> {
  const { world, faults } = env;
  // Read on every call: reset() replaces the backend.
  const backend = (): BayeuxBackend => env.backend;
  return {
    login(body) {
      const id = uid(body['uid'], 'uid');
      const nick = str(body['nick']);
      const token = world.login(id, nick);
      const user = world.ensureUser(id);
      return {
        ok: true,
        uid: id,
        nick: user.nick,
        cookie: { name: 'SUB', value: token, domain: '.weibo.com', path: '/' },
        loginUrl: `https://weibo.com/login?uid=${id}&nick=${encodeURIComponent(user.nick)}`,
      };
    },
    logout(body) {
      world.logout(world.owner(body['uid']).uid);
      return { ok: true };
    },
    inject(body) {
      const owner = world.owner(body['to']);
      const from = uid(body['from'], 'from');
      const text = str(body['text']) ?? '';
      const shape = oneOf<DmShape>(body['shape'], ['2013', '2021'], 'shape', '2021');
      const time = typeof body['time'] === 'number' ? body['time'] : Date.now();
      const dmid = str(body['dmid']) ?? world.nextDmid();
      const fromNick = str(body['fromNick']) ?? world.nickOf(owner, from);
      world.noteRecent(owner, from, fromNick, text, time, true);
      const delivered = backend().push(owner.uid, msgPush(shape, { from, text, time, dmid, autoReply: body['autoReply'] === true }));
      backend().push(owner.uid, unreaderPush(dmid, owner.recents.values()));
      return { ok: true, dmid, to: owner.uid, channel: owner.channel, delivered };
    },
    setRoster(body) {
      const owner = world.owner(body['uid']);
      const list = Array.isArray(body['contacts']) ? body['contacts'] : [];
      owner.roster = list.map((entry): RosterEntry => {
        const record = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
        const id = uid(record['uid'], 'contact uid');
        return { uid: id, nick: str(record['nick']) ?? `用户${id.slice(-4)}`, online: record['online'] === true };
      });
      const delivered = backend().push(owner.uid, rosterPush('update', owner.roster));
      return { ok: true, uid: owner.uid, contacts: owner.roster.length, delivered };
    },
    readElsewhere(body) {
      const owner = world.owner(body['uid']);
      const peer = uid(body['peer'], 'peer');
      const recent = owner.recents.get(peer);
      if (recent) recent.unread = 0;
      return { ok: true, delivered: backend().push(owner.uid, readElsewherePush(peer)) };
    },
    sentElsewhere(body) {
      const owner = world.owner(body['uid']);
      const to = uid(body['to'], 'to');
      const text = str(body['text']) ?? '';
      const time = Date.now();
      const dmid = world.nextDmid();
      world.noteRecent(owner, to, world.nickOf(owner, to), text, time, false);
      return { ok: true, dmid, delivered: backend().push(owner.uid, sentElsewherePush(to, text, time, dmid)) };
    },
    restart() {
      backend().restart();
      return { ok: true, restarts: backend().restarts };
    },
    multipleClients(body) {
      backend().multipleClients = body['on'] !== false;
      return { ok: true, multipleClients: backend().multipleClients };
    },
    wrapper(body) {
      env.wrapper.style = oneOf<WrapperStyle>(body['style'], WRAPPER_STYLES, 'style');
      return { ok: true, style: env.wrapper.style };
    },
    fault(body) {
      if (body['clear'] === true) {
        faults.clear();
        return { ok: true, faults: [] };
      }
      const kind = oneOf<FaultKind>(body['kind'], FAULT_KINDS, 'kind');
      const target = oneOf<FaultTarget>(body['target'], FAULT_TARGETS, 'target', 'bayeux');
      const count = typeof body['count'] === 'number' ? body['count'] : 1;
      faults.add(kind, target, count);
      return { ok: true, faults: faults.list() };
    },
    sent() {
      return { ok: true, sent: world.sent };
    },
    state() {
      return {
        ok: true,
        wrapper: env.wrapper.style,
        multipleClients: backend().multipleClients,
        restarts: backend().restarts,
        faults: faults.list(),
        users: [...world.users.values()].map((user) => ({
          uid: user.uid,
          nick: user.nick,
          channel: user.channel,
          server: user.serverHost,
          roster: user.roster,
          recents: [...user.recents.values()],
        })),
        clients: [...backend().clients.values()].map((client) => ({
          clientId: client.clientId,
          uid: client.uid,
          subscriptions: [...client.subscriptions],
          connects: client.connects,
          lastConnectAt: client.lastConnectAt ?? null,
          ack: backend().acks.describe(client.clientId) ?? null,
        })),
      };
    },
  };
}
