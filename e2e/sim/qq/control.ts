// Control actions of the QQ simulator (`POST /qq/<action>` on the control port only).
import type { ControlAction } from '../module.ts';
import type { FaultQueue} from './faults.ts';
import { parseFault } from './faults.ts';
import type { QueuedMessage, World } from './world.ts';
import { DEFAULT_UIN, MT_CHAT, MT_FRIEND_REQUEST, ST_BUSY, ST_OFFLINE, ST_ONLINE } from './world.ts';

export interface ControlEnv {
  world(): World;
  faults: FaultQueue;
}

const str = (value: unknown, name: string): string => {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw new Error(`${name} is required`);
};
const optStr = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
const optNum = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

function status(value: unknown): number {
  if (value === 'online' || value === ST_ONLINE) return ST_ONLINE;
  if (value === 'offline' || value === ST_OFFLINE) return ST_OFFLINE;
  if (value === 'busy' || value === ST_BUSY) return ST_BUSY;
  if (typeof value === 'number') return value;
  throw new Error('status must be online, offline, busy or a number');
}

export function controlActions(env: ControlEnv): Record<string, ControlAction> {
  const account = (value: unknown) => {
    const uin = optStr(value) ?? DEFAULT_UIN;
    const found = env.world().users.get(uin);
    if (!found?.passwordMd5) throw new Error(`no account ${uin}`);
    return found;
  };
  return {
    addAccount(body) {
      const friends = body.friends;
      const created = env.world().addAccount(
        {
          uin: str(body.uin, 'uin'),
          nick: optStr(body.nick),
          password: optStr(body.password),
          passwordMd5: optStr(body.passwordMd5),
          hi: optNum(body.hi),
          li: optNum(body.li),
        },
        typeof friends === 'number' ? friends : 0,
        Array.isArray(friends) ? friends.map((f) => str(f, 'friend')) : undefined,
      );
      return { ok: true, uin: created.uin, friends: created.friends.size };
    },

    /** Create or change any user (nick, status, auth = AddToList answer 0/1/3). */
    user(body) {
      const user = env.world().user({
        uin: str(body.uin, 'uin'),
        nick: optStr(body.nick),
        status: body.status === undefined ? undefined : status(body.status),
        auth: optNum(body.auth),
      });
      return { ok: true, uin: user.uin, nick: user.nick };
    },

    /** Queue messages for an account: `{from, text, type?}` or `{messages: [...]}`; type defaults to 9. */
    inject(body) {
      const to = account(body.to);
      const list = Array.isArray(body.messages) ? (body.messages as unknown[]) : [body];
      const queued: QueuedMessage[] = list.map((item) => {
        const m = (item ?? {}) as Record<string, unknown>;
        if (typeof m.text !== 'string') throw new Error('text is required');
        return { type: optNum(m.type) ?? MT_CHAT, from: str(m.from, 'from'), text: m.text };
      });
      for (const m of queued) {
        env.world().user({ uin: m.from });
        env.world().deliver(to, m);
      }
      return { ok: true, queued: to.queue.length };
    },

    friendRequest(body) {
      const to = account(body.to);
      const from = env.world().user({ uin: str(body.from, 'from'), nick: optStr(body.nick) });
      const text = optStr(body.text) ?? '';
      to.incoming.set(from.uin, text);
      env.world().deliver(to, { type: MT_FRIEND_REQUEST, from: from.uin, text });
      return { ok: true };
    },

    /** Change a user's status; every account listing them gets an MT 99 notice. */
    presence(body) {
      const user = env.world().user({ uin: str(body.uin, 'uin'), status: status(body.status) });
      env.world().announceStatus(user);
      return { ok: true, uin: user.uin, status: user.status };
    },

    /** End the session: the next command answers RES=20; `times: 2` also fails the retry after re-login. */
    expire(body) {
      const target = account(body.uin);
      target.session = undefined;
      target.forcedRes20 = Math.max(0, (optNum(body.times) ?? 1) - 1);
      return { ok: true };
    },

    fault(body) {
      env.faults.add(parseFault(body));
      return { ok: true, pending: env.faults.pending.length };
    },

    /** Messages handed out in GetMsgEx answers whose client went away before the answer ended. */
    lostInFlight() {
      return { texts: [...env.world().lostInFlight] };
    },

    sent(body) {
      const from = optStr(body.uin);
      return { sent: env.world().sent.filter((s) => from === undefined || s.from === from) };
    },

    state(body) {
      const target = account(body.uin);
      return {
        uin: target.uin,
        online: target.session !== undefined,
        status: target.status,
        friends: target.friends.size,
        queued: target.queue.length,
        incoming: Object.fromEntries(target.incoming),
        outgoing: [...target.outgoing],
        forcedRes20: target.forcedRes20,
        faults: env.faults.pending.length,
        sent: env.world().sent.filter((s) => s.from === target.uin).length,
        friendUins: [...target.friends],
        /** Users whose own list holds this account (an approved request adds it there). */
        listedBy: [...env.world().users.values()].filter((u) => u.friends.has(target.uin)).map((u) => u.uin),
      };
    },
  };
}
