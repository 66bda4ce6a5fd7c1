// The simulated Weibo's data: users, login tokens (the SUB cookie), rosters, recent conversations
// and the record of sent DMs. Knows nothing about HTTP or Bayeux.
import { randomBytes } from 'node:crypto';
import { randomId } from './wire.ts';

export interface RosterEntry {
  uid: string;
  nick: string;
  online: boolean;
}

export interface Recent {
  uid: string;
  nick: string;
  lastText: string;
  time: number;
  unread: number;
}

export interface SimUser {
  uid: string;
  nick: string;
  /** `/im/<6 lowercase>_<uid>` (2013/2015 shape, weibo-bayeux.md B.2); stable per user. */
  channel: string;
  /** The sharded Bayeux host discovery hands out, e.g. `13.79.web1.im.weibo.com`. */
  serverHost: string;
  roster: RosterEntry[];
  recents: Map<string, Recent>;
}

export interface SentDm {
  at: number;
  from: string;
  to: string;
  text: string;
  seq: string;
  dmid: string;
  clientId: string;
}

export const UID_PATTERN = /^[1-9][0-9]{4,15}$/;

export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

function channelFor(uid: string): string {
  return `/im/${randomId(6)}_${uid}`;
}

function serverHostFor(uid: string): string {
  let sum = 0;
  for (const digit of uid) sum += Number(digit);
  return `${10 + (sum % 10)}.${70 + Number(uid.at(-1) ?? 0)}.web1.im.weibo.com`;
}

export class World {
  readonly users = new Map<string, SimUser>();
  /** SUB cookie value -> uid. */
  readonly tokens = new Map<string, string>();
  readonly sent: SentDm[] = [];
  lastLogin: string | undefined;
  private dmidCounter = 0;

  constructor(private readonly defaultRoster: () => RosterEntry[]) {}

  ensureUser(uid: string, nick?: string): SimUser {
    let user = this.users.get(uid);
    if (!user) {
      user = {
        uid,
        nick: nick ?? `用户${uid.slice(-4)}`,
        channel: channelFor(uid),
        serverHost: serverHostFor(uid),
        roster: this.defaultRoster(),
        recents: new Map(),
      };
      this.users.set(uid, user);
    } else if (nick) {
      user.nick = nick;
    }
    return user;
  }

  /** Returns the SUB token the weibo.com login sets for this uid. */
  login(uid: string, nick?: string): string {
    this.ensureUser(uid, nick);
    const token = `_2A25${randomToken(24)}`;
    this.tokens.set(token, uid);
    this.lastLogin = uid;
    return token;
  }

  logout(uid: string): void {
    for (const [token, owner] of this.tokens) if (owner === uid) this.tokens.delete(token);
  }

  uidForToken(token: string | undefined): string | undefined {
    return token ? this.tokens.get(token) : undefined;
  }

  /** The user a control action means: the given uid, else the last one who logged in. */
  owner(uid: unknown): SimUser {
    const id = typeof uid === 'string' && uid ? uid : this.lastLogin;
    if (!id) throw new Error('no weibo user logged in yet: call /weibo/login first or pass uid');
    return this.ensureUser(id);
  }

  /** 16-digit numeric ids like Weibo's mids/dmids, as strings (they exceed 2^53 in real life). */
  nextDmid(): string {
    this.dmidCounter += 1;
    return String(4_900_000_000_000_000 + this.dmidCounter * 7);
  }

  noteRecent(owner: SimUser, peer: string, peerNick: string, text: string, time: number, unread: boolean): void {
    const previous = owner.recents.get(peer);
    owner.recents.set(peer, {
      uid: peer,
      nick: peerNick,
      lastText: text,
      time,
      unread: unread ? (previous?.unread ?? 0) + 1 : 0,
    });
  }

  nickOf(owner: SimUser | undefined, uid: string): string {
    return owner?.roster.find((entry) => entry.uid === uid)?.nick ?? this.users.get(uid)?.nick ?? `用户${uid.slice(-4)}`;
  }

  reset(): void {
    this.users.clear();
    this.tokens.clear();
    this.sent.length = 0;
    this.lastLogin = undefined;
    this.dmidCounter = 0;
  }
}
