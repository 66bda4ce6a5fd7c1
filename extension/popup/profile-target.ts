// Whose profile the popup can show: QQ people, from a contact row or an open conversation. Pure,
// so it is tested without a browser.
import type { Conversation } from '../shared/domain.ts';
import type { Entry } from '../ui/contact-search.ts';

/** Whose profile to show; `name` is what the page already knows, until the server answers. */
export interface ProfileTarget {
  accountId: string;
  peerId: string;
  name: string;
  /** In the friend list: offer "Remove friend". */
  isFriend: boolean;
}

/** QQ's system account (messages from "系统消息") has no profile. */
const QQ_SYSTEM = '10000';
const QQ_NUMBER = /^\d{5,11}$/;

/** QQ people (not groups, not the system account) have a profile the server can send. */
export const hasProfile = (e: Pick<Entry, 'service' | 'kind'>): boolean => e.service === 'qq' && e.kind === 'user';

/** A contact row's target. A stored contact is a friend unless it is only a pending request. */
export const entryProfile = (e: Entry): ProfileTarget => ({ accountId: e.accountId, peerId: e.peerId, name: e.remark || e.name, isFriend: !e.request });

/** The open conversation's peer, when it is a QQ person; `entry` is its contact, if stored. */
export function conversationProfile(id: string, conversation: Conversation | undefined, entry: Entry | undefined): ProfileTarget | undefined {
  const bar = id.indexOf('|');
  const accountId = id.slice(0, bar);
  const peerId = id.slice(bar + 1);
  if (!accountId.startsWith('qq:') || conversation?.isGroup) return undefined;
  if (entry) return hasProfile(entry) ? entryProfile(entry) : undefined;
  if (!QQ_NUMBER.test(peerId) || peerId === QQ_SYSTEM) return undefined;
  // Someone we talk with but who is not a stored contact: a stranger, not a friend.
  return { accountId, peerId, name: conversation?.title || peerId, isFriend: false };
}
