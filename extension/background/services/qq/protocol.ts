// Constants and code tables of the QQ HTTP interface, version 1.1 (qq-and-peers.md A.2-A.8).
// The 1.4 mobile gateway uses other status codes; they are deliberately not mixed in (A.9.9).
import type { Presence } from '../../../shared/domain.ts';

/** The production endpoint. Tests and the demo map the host to the simulator (invariant 5). */
export const QQ_URL = 'http://tqq.tencent.com:8000/';
export const QQ_VERSION = '1.1';
/** Fixed Login value every client copies; its meaning is unknown (A.4). */
export const LOGIN_LC = '9326B87B234E7235';
export const SYSTEM_UIN = '10000';
export const SYSTEM_NAME = 'QQ System';

export const RES_OK = 0;
/** Not logged in / session expired / signed in elsewhere (A.5). */
export const RES_NOT_LOGGED_IN = 20;

export const HI_DEFAULT_S = 60;
export const LI_DEFAULT_S = 300;

/** Page-size hints everyone sends (A.7). */
export const LIST_TN = 160;
export const QUERY_STAT_TN = 50;

export const MT_FRIEND_REQUEST = 2;
export const MT_REQUEST_ACCEPTED = 3;
export const MT_REQUEST_REFUSED = 4;
export const MT_CHAT = 9;
export const MT_STATUS = 99;

/** Status codes of 1.1: 10 online, 20 offline, 30 busy (A.4, seed 004 §5 and §10). */
export const ST_ONLINE = 10;
export const ST_OFFLINE = 20;
export const ST_BUSY = 30;

export function presenceOf(st: number): Presence | undefined {
  if (st === ST_ONLINE) return 'online';
  if (st === ST_OFFLINE) return 'offline';
  if (st === ST_BUSY) return 'busy';
  return undefined;
}

/** Change_Stat codes; 1.1 has no "away" (A.9.9), so it is refused rather than guessed. */
export function statusCodeOf(presence: Presence): number | undefined {
  if (presence === 'online') return ST_ONLINE;
  if (presence === 'busy') return ST_BUSY;
  if (presence === 'offline') return ST_OFFLINE;
  return undefined;
}

/** QQ numbers: 5 to 11 digits in practice; the system account 10000 included. */
export const isUin = (value: string): boolean => /^\d{5,11}$/.test(value);

/** `qq:<number>` -> the number, or undefined for a malformed account id. */
export function uinOfAccount(accountId: string): string | undefined {
  const match = /^qq:(\d{5,11})$/.exec(accountId);
  return match?.[1];
}
