// The safety rules no setting can turn off (design §3 invariant 3; qq-and-peers §C.3): never
// answer outgoing messages, ourselves, system senders, recalled or system notices, history
// replayed at sign-in, messages that arrive very late, or a contact caught in a reply loop.
import { conversationId } from '../../shared/domain.ts';
import { LOOP_GUARD, MAX_MESSAGE_AGE_MINUTES } from '../../shared/rules.ts';
import { formatDuration, skip } from './describe.ts';
import { pausedUntil, quickStreak } from './history.ts';
import { localTime } from './local-time.ts';
import type { Decision, DecideInput } from './types.ts';

/** QQ's system account (A.6: later clients skip it before auto-replying). */
export const QQ_SYSTEM_IDS: ReadonlySet<string> = new Set(['10000']);

/**
 * WeChat's plain-name special accounts (wechat.md §3.5, wechat4u's list). Real users and groups
 * have per-session `@`/`@@` ids, so these fixed names cannot collide with a person.
 */
export const WECHAT_SYSTEM_IDS: ReadonlySet<string> = new Set([
  'filehelper', 'weixin', 'fmessage', 'newsapp', 'qqmail', 'medianote', 'tmessage', 'qmessage', 'qqsync',
  'floatbottle', 'lbsapp', 'shakeapp', 'qqfriend', 'readerapp', 'blogapp', 'facebookapp', 'masssendapp',
  'meishiapp', 'feedsapp', 'voip', 'blogappweixin', 'brandsessionholder', 'weixinreminder', 'officialaccounts',
  'notification_messages', 'wxitil', 'userexperience_alarm', 'weibo', 'wxid_novlwrv3lqwv11', 'gh_22b87fa7cb3c',
]);

/** The conversation as the user knows it: remark, nickname, else the sender's name or the id. */
export function conversationName(input: DecideInput): string {
  const { contact, message } = input;
  return contact?.remark?.trim() || contact?.name?.trim() || message.senderName?.trim() || message.peerId;
}

export function isGroupMessage(input: DecideInput): boolean {
  // A group's messages come from members, so the sender differs from the conversation's peer.
  return input.contact?.kind === 'group' || (input.message.senderId !== '' && input.message.senderId !== input.message.peerId);
}

function systemSender(input: DecideInput): string | undefined {
  const { contact, message, account } = input;
  if (contact?.kind === 'official') return `official account “${conversationName(input)}”`;
  if (contact?.kind === 'system') return `system account “${conversationName(input)}”`;
  const ids = [message.peerId, message.senderId];
  if (account.service === 'qq' && ids.some((id) => QQ_SYSTEM_IDS.has(id))) return 'the QQ system account 10000';
  if (account.service === 'wechat') {
    const id = ids.find((x) => WECHAT_SYSTEM_IDS.has(x) || x.startsWith('gh_'));
    if (id) return `the WeChat service account ${id}`;
  }
  return undefined;
}

/** Message-only fixed rules, in the order they are reported. */
export function checkFixedMessage(input: DecideInput): Decision | undefined {
  const { message, account, clock } = input;
  if (message.direction !== 'in') return skip('outgoing', 'outgoing message: auto-reply answers incoming messages only');
  if (account.selfId && (message.senderId === account.selfId || message.peerId === account.selfId)) {
    return skip('self', 'sent by this account itself: auto-reply never answers ourselves');
  }
  if (message.replay) return skip('replay', 'history delivered at sign-in: never auto-replied');
  if (message.recalled || message.kind === 'recalled') return skip('recalled', 'the message was recalled');
  const system = systemSender(input);
  if (system) return skip('system-sender', `from ${system}: never auto-replied`, { sender: system });
  if (message.kind === 'system') return skip('system-message', 'a system notice, not a message from a person');
  const age = clock.now - message.at;
  if (age > MAX_MESSAGE_AGE_MINUTES * 60 * 1000) {
    return skip('stale', `the message is ${formatDuration(age)} old; auto-reply answers messages up to ${MAX_MESSAGE_AGE_MINUTES} min old`, {
      ageMs: age,
      maxMinutes: MAX_MESSAGE_AGE_MINUTES,
    });
  }
  return undefined;
}

/** The loop guard: an active pause, or a rapid exchange that starts one now. */
export function checkLoop(input: DecideInput): Decision | undefined {
  const { account, message, clock, history } = input;
  const convId = conversationId(account.id, message.peerId);
  const name = conversationName(input);
  const paused = pausedUntil(history, convId, clock.now);
  if (paused !== undefined) {
    const until = localTime(paused, clock.timeZone).hhmm;
    return skip('loop-paused', `loop guard: auto-replies to ${name} are paused until ${until} after a rapid back-and-forth`, { name, until: paused });
  }
  const streak = quickStreak(history, convId, clock.now);
  if (streak >= LOOP_GUARD.exchanges) {
    const until = clock.now + LOOP_GUARD.pauseMinutes * 60 * 1000;
    return skip(
      'loop-detected',
      `loop guard: ${name} answered our last ${streak} auto-replies within ${LOOP_GUARD.withinSeconds} s each — ` +
        `probably another auto-reply; pausing auto-replies to ${name} for ${LOOP_GUARD.pauseMinutes} min (until ${localTime(until, clock.timeZone).hhmm})`,
      { name, streak, withinSeconds: LOOP_GUARD.withinSeconds, until },
      until,
    );
  }
  return undefined;
}
