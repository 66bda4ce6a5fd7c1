// The protocol commands of the QQ HTTP interface as the simulated server answers them (A.4-A.7).
// Every reply echoes VER, CMD, SEQ and UIN (A.2) and carries RES; the body is built by wire.ts.
import type { ReplyValue } from './wire.ts';
import type { SentRecord, SimUser, World } from './world.ts';
import { MT_CHAT, MT_FRIEND_REQUEST, MT_REQUEST_ACCEPTED, SYSTEM_UIN, md5Hex } from './world.ts';

export const KNOWN_VERSIONS = new Set(['1.0', '1.1', '1.2']);
/** List returns at most ~120 numbers per call (C# author, A.7). */
export const PAGE_LIMIT = 120;
const MESSAGES_PER_REPLY = 50;
const FINGER_LIMIT = 20;

export type Fields = Array<readonly [string, ReplyValue]>;
/** `null` is the empty body the real server sends for a bad VER ("NULL", A.2). */
export type CommandReply = Fields | null;

export interface CommandEnv {
  world: World;
  now: number;
  record(kind: string, detail: unknown): void;
  onSent(record: SentRecord): void;
}

type Handler = (account: SimUser, req: Map<string, string>, env: CommandEnv) => Fields;

export function answer(req: Map<string, string>, env: CommandEnv): CommandReply {
  const ver = req.get('VER') ?? '';
  const cmd = req.get('CMD') ?? '';
  const seq = req.get('SEQ') ?? '';
  const uin = req.get('UIN') ?? '';
  if (!KNOWN_VERSIONS.has(ver) || !/^\d{4,12}$/.test(uin)) return null;
  const name = cmd.toUpperCase();
  const envelope: Fields = [['VER', ver], ['CMD', cmd], ['SEQ', seq], ['UIN', uin]];
  if (name === 'LOGIN') return [...envelope, ...login(uin, req, env)];
  if (name === 'LOGOUT') {
    const account = env.world.users.get(uin);
    if (account) account.session = undefined;
    return [...envelope, ['RES', 0]];
  }
  const handler = HANDLERS[name];
  if (!handler) return null;
  const account = env.world.users.get(uin);
  const session = account?.session;
  if (!account || !session || env.now - session.lastAt > account.li * 1000) {
    if (account) account.session = undefined;
    return [...envelope, ['RES', 20]];
  }
  if (account.forcedRes20 > 0) {
    account.forcedRes20 -= 1;
    return [...envelope, ['RES', 20]];
  }
  session.lastAt = env.now;
  if (session.seqs.has(seq)) {
    env.record('seqReuse', { uin, cmd, seq });
    // A repeated SEQ is a duplicate submission (A.2): acknowledge without acting twice.
    if (name === 'CLTMSG') return [...envelope, ['RES', 0]];
  }
  session.seqs.add(seq);
  return [...envelope, ...handler(account, req, env)];
}

function login(uin: string, req: Map<string, string>, env: CommandEnv): Fields {
  const account = env.world.users.get(uin);
  if (!account?.passwordMd5) return [['RES', 0], ['RS', 1], ['RA', '帐号不存在 (no such account)']];
  const ps = req.get('PS') ?? '';
  const digest = req.get('M5') === '1' ? ps.toLowerCase() : md5Hex(ps);
  if (digest !== account.passwordMd5) return [['RES', 0], ['RS', 1], ['RA', '密码错误 Password error']];
  account.session = { since: env.now, lastAt: env.now, seqs: new Set() };
  env.record('login', { uin });
  return [['RES', 0], ['RS', 0], ['HI', account.hi], ['LI', account.li], ['COMP', 'NOKIA']];
}

/** Cursor paging (A.7): UN=0 starts, UN=<last number seen> continues; FN=1 marks the last page. */
function page<T extends { uin: string }>(items: T[], cursor: string | undefined, tn: string | undefined, fallback: number) {
  const size = Math.min(Number(tn) > 0 ? Number(tn) : fallback, PAGE_LIMIT);
  const after = Number(cursor) || 0;
  const rest = items.filter((u) => Number(u.uin) > after);
  const slice = rest.slice(0, size);
  return { slice, final: rest.length <= size };
}

const HANDLERS: Record<string, Handler> = {
  LIST(account, req, { world }) {
    const { slice, final } = page(world.sortedFriends(account), req.get('UN'), req.get('TN'), 160);
    return [['RES', 0], ['FN', final ? 1 : 0], ['SN', slice.length], ['UN', slice.map((u) => u.uin)]];
  },

  QUERY_STAT(account, req, { world }) {
    const online = world.sortedFriends(account).filter((u) => u.status !== 20);
    const { slice, final } = page(online, req.get('UN'), req.get('TN'), 50);
    return [
      ['RES', 0],
      ['FC', slice.map((u) => u.face)],
      ['FN', final ? 1 : 0],
      ['SN', slice.length],
      ['ST', slice.map((u) => u.status)],
      ['UN', slice.map((u) => u.uin)],
      ['NK', slice.map((u) => u.nick)],
    ];
  },

  GETINFO(_account, req, { world }) {
    const level = Number(req.get('LV')) || 2;
    const target = peerOf(req, world);
    if (!target) return [['RES', 0]];
    const p = target.profile;
    const brief: Fields = [['RES', 0], ['LV', level], ['UN', target.uin], ['NK', target.nick], ['FC', target.face], ['AG', p.age], ['SX', p.sex]];
    if (level <= 1) return brief;
    const normal: Fields = [
      ...brief,
      ['AD', p.address], ['EM', p.email], ['HP', p.homepage], ['JB', p.job], ['PC', p.postcode], ['PH', p.phone],
      ['PR', p.intro], ['PV', p.province], ['RN', p.realName], ['SC', p.school],
    ];
    if (level === 2) return normal;
    return [...normal, ['BT', 3], ['CO', 5], ['CT', p.city], ['CY', '中国'], ['MO', '138'], ['SH', 7]];
  },

  ADDTOLIST(account, req, { world }) {
    const target = peerOf(req, world);
    if (!target) return [['RES', 0], ['CD', 3]];
    if (account.friends.has(target.uin)) return [['RES', 0], ['CD', 0], ['UN', target.uin]];
    if (target.auth === 0) {
      account.friends.add(target.uin);
      return [['RES', 0], ['CD', 0], ['UN', target.uin]];
    }
    if (target.auth === 1) account.outgoing.add(target.uin);
    return [['RES', 0], ['CD', target.auth], ['UN', target.uin]];
  },

  ACK_ADDTOLIST(account, req, env) {
    const peer = peerOf(req, env.world);
    if (!peer) return [['RES', 0]];
    const cd = Number(req.get('CD'));
    const reason = req.get('RS') ?? '';
    env.record('ack', { uin: account.uin, peer: peer.uin, cd, reason });
    if (account.incoming.has(peer.uin)) {
      account.incoming.delete(peer.uin);
      if (cd === 0 || cd === 2) peer.friends.add(account.uin);
      if (cd === 2) requestFrom(account, peer, reason, env.world);
    } else if (cd === 2 && account.outgoing.has(peer.uin)) {
      requestFrom(account, peer, reason, env.world);
    }
    return [['RES', 0]];
  },

  DELFROMLIST(account, req) {
    account.friends.delete(req.get('UN') ?? '');
    return [['RES', 0]];
  },

  CHANGE_STAT(account, req, { world }) {
    const st = Number(req.get('ST'));
    if (st === 10 || st === 20 || st === 30) {
      account.status = st;
      world.announceStatus(account);
    }
    return [['RES', 0]];
  },

  GETMSGEX(account) {
    const batch = account.queue.splice(0, MESSAGES_PER_REPLY);
    return [
      ['RES', 0],
      ['MN', batch.length],
      ['MT', batch.map((m) => m.type)],
      ['UN', batch.map((m) => m.from)],
      ['MG', batch.map((m) => m.text)],
    ];
  },

  CLTMSG(account, req, env) {
    const to = (req.get('UN') ?? '').trim();
    const record: SentRecord = { from: account.uin, to, text: req.get('MG') ?? '', seq: req.get('SEQ') ?? '', at: env.now };
    env.world.sent.push(record);
    env.record('sent', record);
    const target = env.world.users.get(to);
    if (target?.passwordMd5) env.world.deliver(target, { type: MT_CHAT, from: account.uin, text: record.text });
    env.onSent(record);
    return [['RES', 0]];
  },

  FINGER(account, req, { world }) {
    const age = Number(req.get('AG')) || 0;
    const sex = req.get('SX') ?? '';
    const pv = req.get('PV') ?? '';
    const found = [...world.users.values()]
      .filter((u) => u.uin !== account.uin && u.uin !== SYSTEM_UIN)
      .filter((u) => (age === 0 || u.profile.age === age) && (sex === '' || String(u.profile.sex) === sex))
      .filter((u) => pv === '' || String(u.profile.provinceCode) === pv)
      .sort((a, b) => Number(a.uin) - Number(b.uin))
      .slice(0, FINGER_LIMIT);
    return [
      ['RES', 0],
      ['SN', found.length],
      ['UN', found.map((u) => u.uin)],
      ['NK', found.map((u) => u.nick)],
      ['AG', found.map((u) => u.profile.age)],
      ['SX', found.map((u) => u.profile.sex)],
      ['PV', found.map((u) => u.profile.provinceCode)],
    ];
  },
};

/** The user named by UN; any well-formed number exists (strangers are created on demand). */
function peerOf(req: Map<string, string>, world: World): SimUser | undefined {
  const uin = (req.get('UN') ?? '').trim();
  return /^\d{4,12}$/.test(uin) ? world.user({ uin }) : undefined;
}

/** `from` asks `to` to be added. Scripted peers accept at once (MT 3); accounts get an MT 2 request. */
function requestFrom(from: SimUser, to: SimUser, text: string, world: World): void {
  from.outgoing.delete(to.uin);
  if (to.scripted) {
    from.friends.add(to.uin);
    to.friends.add(from.uin);
    world.deliver(from, { type: MT_REQUEST_ACCEPTED, from: to.uin, text: '' });
    return;
  }
  to.incoming.set(from.uin, text);
  world.deliver(to, { type: MT_FRIEND_REQUEST, from: from.uin, text });
}
