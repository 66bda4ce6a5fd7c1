// Weibo-shaped `data` payloads published on a user's channel (weibo-bayeux.md B.5).
// Where the document has no captured shape (roster, read sync) the choice is recorded in
// docs/decisions/weibo.md and the client parses exactly these.
import { randomToken } from './world.ts';
import type { Recent, RosterEntry } from './world.ts';

export type DmShape = '2013' | '2021';

export interface DmPushInput {
  from: string;
  text: string;
  time: number;
  dmid: string;
  autoReply?: boolean;
}

/** The `msg` push. 2013: rows `[uid, text, time_ms]`. 2021: rows `[fromuid, text, time_ms, "", "", [], dmid, 0]` + info/ext. */
export function msgPush(shape: DmShape, dm: DmPushInput): Record<string, unknown> {
  if (shape === '2013') return { type: 'msg', items: [[dm.from, dm.text, dm.time]] };
  const fromuid = Number(dm.from);
  return {
    type: 'msg',
    items: [[fromuid, dm.text, dm.time, '', '', [], dm.dmid, 0]],
    info: {
      dm_type: 1,
      receiver_box_type: 0,
      fromuid,
      resource: '',
      media_type: 0,
      comment: '',
      // Seconds here, milliseconds in the row: the document gives no unit for info.time (decision 7).
      time: Math.floor(dm.time / 1000),
      dmid: dm.dmid,
      content: dm.text,
    },
    ext: { dm_type: 1, source_msg_id: '', msg_source: 0, autoReply: dm.autoReply ?? false, sender_box_type: 0 },
    push_did: randomToken(8),
    dm_isRemind: 1,
  };
}

export function unreaderPush(lastmid: string, recents: Iterable<Recent>): Record<string, unknown> {
  const items: Record<string, number> = { total: 0 };
  let total = 0;
  for (const recent of recents) {
    if (recent.unread === 0) continue;
    items[recent.uid] = recent.unread;
    total += recent.unread;
  }
  items['total'] = total;
  return { type: 'unreader', lastmid, items, dm_isRemind: 1 };
}

/** A DM this account sent from another client (B.5: syncData `{uid, msg, time}`). */
export function sentElsewherePush(peer: string, text: string, time: number, dmid: string): Record<string, unknown> {
  return { type: 'synchroniz', syncData: JSON.stringify({ uid: peer, msg: text, time, dmid }) };
}

/** The user read a conversation on another client (decision 5: mirrors the `dmread` command). */
export function readElsewherePush(peer: string): Record<string, unknown> {
  return { type: 'synchroniz', syncData: JSON.stringify({ type: 'dmread', uid: peer }) };
}

/** Roster reply (decision 4): rows `[uid, nick, online 1|0]`, like the recents rows. */
export function rosterPush(seq: string, roster: RosterEntry[]): Record<string, unknown> {
  return { type: 'roster', ret: 0, seq, items: roster.map((entry) => [entry.uid, entry.nick, entry.online ? 1 : 0]) };
}

/** Recents (B.5: rows `[uid, nick, ...]`; we add last text, time_ms, unread). */
export function recentsPush(recents: Iterable<Recent>): Record<string, unknown> {
  const rows = [...recents]
    .sort((a, b) => b.time - a.time)
    .map((recent) => [recent.uid, recent.nick, recent.lastText, recent.time, recent.unread]);
  return { type: 'recents', recents: rows };
}
