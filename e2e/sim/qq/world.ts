// Everything the simulated QQ server knows: users (accounts are users with a password), friend
// lists, per-account message queues, sessions and pending friend requests. Built fresh on reset.
import { createHash } from 'node:crypto';

/** Status codes of protocol 1.1 (A.4): never mixed with the 1.4 gateway's. */
export const ST_ONLINE = 10;
export const ST_OFFLINE = 20;
export const ST_BUSY = 30;

/** GetMsgEx message types (A.6). */
export const MT_FRIEND_REQUEST = 2;
export const MT_REQUEST_ACCEPTED = 3;
export const MT_REQUEST_REFUSED = 4;
export const MT_CHAT = 9;
export const MT_STATUS = 99;

export const SYSTEM_UIN = '10000';
export const DEFAULT_UIN = '10001';
export const DEFAULT_PASSWORD = 'switchboard';
export const DEMO_FRIEND_UIN = '20001';

export interface QueuedMessage {
  type: number;
  from: string;
  text: string;
}

export interface Profile {
  age: number;
  sex: 0 | 1;
  provinceCode: number;
  province: string;
  city: string;
  realName: string;
  email: string;
  homepage: string;
  job: string;
  postcode: string;
  phone: string;
  intro: string;
  school: string;
  address: string;
}

export interface Session {
  since: number;
  lastAt: number;
  /** SEQs seen in this session, to notice duplicate submissions (A.2). */
  seqs: Set<string>;
}

export interface SimUser {
  uin: string;
  nick: string;
  /** Accounts only: lower-case MD5 hex of the password. */
  passwordMd5?: string;
  status: number;
  /** AddToList answer for people adding this user: 0 anyone, 1 verification, 3 nobody (A.4). */
  auth: number;
  face: number;
  profile: Profile;
  friends: Set<string>;
  queue: QueuedMessage[];
  session?: Session;
  hi: number;
  li: number;
  /** Commands (other than Login/Logout) still to answer with RES=20 although a session exists. */
  forcedRes20: number;
  /** Requests others sent to this user: from -> verification text. */
  incoming: Map<string, string>;
  /** Users this one asked to add and who require verification. */
  outgoing: Set<string>;
  /** Scripted peers accept requests by themselves (there is no client behind them). */
  scripted: boolean;
}

export interface SentRecord {
  from: string;
  to: string;
  text: string;
  seq: string;
  at: number;
}

export const md5Hex = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

const PROVINCES = ['北京', '上海', '天津', '重庆', '广东省', '云南省', '浙江省', '四川省'];

function profileFor(n: number, nick: string): Profile {
  const provinceCode = n % PROVINCES.length;
  return {
    age: 18 + (n % 40),
    sex: (n % 2) as 0 | 1,
    provinceCode,
    province: PROVINCES[provinceCode] ?? '',
    city: n % 3 === 0 ? '昆明' : 'Shenzhen',
    realName: nick,
    email: `user${n}@example.com`,
    homepage: `http://example.com/~${n}`,
    job: n % 2 ? '程序员' : 'Teacher',
    postcode: String(650000 + (n % 100)),
    phone: `0871-${String(6466000 + n)}`,
    // The seed's PR shows escaped commas and CRLF inside a profile text.
    intro: `Hello, I am ${nick}.\r\n网络为媒, 信息为本`,
    school: 'Social University',
    address: `${PROVINCES[provinceCode] ?? ''} ${n}号`,
  };
}

/** Deterministic friend nicknames; a few carry `,` `&` `%` and CJK to exercise escaping. */
function friendNick(i: number): string {
  if (i === 1) return '小明 Xiaoming';
  if (i === 7) return 'Tom & Jerry';
  if (i === 13) return '李,雷';
  if (i === 21) return '100% 真';
  return i % 3 === 0 ? `朋友${i}` : `Friend ${i}`;
}

/** Online 10, busy 30, else offline: 57 of the 130 default friends are in Query_Stat (two pages of TN=50). */
function friendStatus(i: number): number {
  if (i === 1 || i === 13) return ST_ONLINE;
  if (i % 7 === 0) return ST_BUSY;
  if (i % 3 === 0) return ST_ONLINE;
  return ST_OFFLINE;
}

export interface NewUser {
  uin: string;
  nick?: string;
  password?: string;
  passwordMd5?: string;
  status?: number;
  auth?: number;
  hi?: number;
  li?: number;
  scripted?: boolean;
}

export class World {
  readonly users = new Map<string, SimUser>();
  readonly sent: SentRecord[] = [];
  /**
   * Texts of GetMsgEx answers whose connection closed before the whole answer was written (the
   * client went away mid-answer). GetMsgEx has no acknowledgement (A.6): the server dropped them
   * from its queue, and no client can ever get them back.
   */
  readonly lostInFlight: string[] = [];

  constructor(friendCount = 130) {
    this.user({ uin: SYSTEM_UIN, nick: '系统消息', status: ST_ONLINE, auth: 3 });
    this.addAccount({ uin: DEFAULT_UIN, nick: 'Switchboard 测试', password: DEFAULT_PASSWORD }, friendCount);
  }

  /** Find a user, creating a plain stranger for any unknown number (every number "exists"). */
  user(spec: NewUser): SimUser {
    const existing = this.users.get(spec.uin);
    if (existing) {
      if (spec.nick !== undefined) existing.nick = spec.nick;
      if (spec.status !== undefined) existing.status = spec.status;
      if (spec.auth !== undefined) existing.auth = spec.auth;
      if (spec.scripted !== undefined) existing.scripted = spec.scripted;
      return existing;
    }
    const n = Number(spec.uin) || 0;
    const nick = spec.nick ?? `QQ用户${spec.uin}`;
    const created: SimUser = {
      uin: spec.uin,
      nick,
      status: spec.status ?? ST_OFFLINE,
      auth: spec.auth ?? 1,
      face: (n % 100) * 3,
      profile: profileFor(n, nick),
      friends: new Set(),
      queue: [],
      hi: spec.hi ?? 60,
      li: spec.li ?? 300,
      forcedRes20: 0,
      incoming: new Map(),
      outgoing: new Set(),
      scripted: spec.scripted ?? true,
    };
    this.users.set(spec.uin, created);
    return created;
  }

  /** An account: a user with a password and, by default, numbered friends 2xxxx. */
  addAccount(spec: NewUser, friendCount = 0, friendUins?: string[]): SimUser {
    const account = this.user({ ...spec, scripted: false });
    const md5 = spec.passwordMd5?.toLowerCase() ?? (spec.password !== undefined ? md5Hex(spec.password) : undefined);
    account.passwordMd5 = md5 ?? account.passwordMd5 ?? md5Hex(DEFAULT_PASSWORD);
    if (spec.hi !== undefined) account.hi = spec.hi;
    if (spec.li !== undefined) account.li = spec.li;
    const uins = friendUins ?? Array.from({ length: friendCount }, (_, k) => String(20001 + k));
    for (const uin of uins) {
      const i = Number(uin) - 20000;
      const friend = this.users.get(uin) ?? this.user({ uin, nick: friendNick(i), status: friendStatus(i), auth: i % 10 === 0 ? 0 : 1 });
      account.friends.add(friend.uin);
      friend.friends.add(account.uin);
    }
    return account;
  }

  accounts(): SimUser[] {
    return [...this.users.values()].filter((u) => u.passwordMd5 !== undefined);
  }

  /** Friends in the order List pages them: ascending QQ number. */
  sortedFriends(user: SimUser): SimUser[] {
    return [...user.friends]
      .sort((a, b) => Number(a) - Number(b))
      .map((uin) => this.users.get(uin))
      .filter((u): u is SimUser => u !== undefined);
  }

  deliver(to: SimUser, message: QueuedMessage): void {
    to.queue.push(message);
  }

  /** Tell everyone who lists `user` as a friend about a status change (MT 99, MG = status). */
  announceStatus(user: SimUser): void {
    for (const account of this.accounts()) {
      if (account.friends.has(user.uin)) this.deliver(account, { type: MT_STATUS, from: user.uin, text: String(user.status) });
    }
  }
}
