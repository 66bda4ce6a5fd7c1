// Which notifications a stored batch of messages deserves. Pure, so it is tested without Chrome.
// One notification per conversation, newest message each; a batch touching many conversations (a
// reconnect after hours offline, a burst) gets one summary instead of a wall of toasts, each of
// which also costs Chrome an icon decode on the worker's thread.
import type { Conversation, Message } from '../../shared/domain.ts';
import { inClockWindow, type NotificationSettings } from '../../shared/settings.ts';

/** More conversations than this in one batch: one summary notification. */
export const SUMMARY_ABOVE = 3;

export type NotificationPlan =
  | { kind: 'message'; conversation: Conversation; message: Message }
  | { kind: 'summary'; messages: number; conversations: number };

export function shouldNotify(settings: NotificationSettings, conversation: Conversation, message: Message, now: Date): boolean {
  if (!settings.enabled || conversation.muted) return false;
  if (message.direction !== 'in' || message.replay) return false;
  const { doNotDisturb } = settings;
  if (doNotDisturb.enabled && inClockWindow(now.getHours() * 60 + now.getMinutes(), doNotDisturb.from, doNotDisturb.to)) return false;
  return true;
}

export function planNotifications(settings: NotificationSettings, conversations: readonly Conversation[], added: readonly Message[], now: Date): NotificationPlan[] {
  const byId = new Map(conversations.map((c) => [c.id, c]));
  const newest = new Map<string, { conversation: Conversation; message: Message; count: number }>();
  for (const message of added) {
    const conversation = byId.get(message.conversationId);
    if (!conversation || !shouldNotify(settings, conversation, message, now)) continue;
    const count = (newest.get(message.conversationId)?.count ?? 0) + 1;
    newest.set(message.conversationId, { conversation, message, count });
  }
  const chosen = [...newest.values()];
  if (chosen.length > SUMMARY_ABOVE) {
    return [{ kind: 'summary', messages: chosen.reduce((sum, c) => sum + c.count, 0), conversations: chosen.length }];
  }
  return chosen.map(({ conversation, message }) => ({ kind: 'message', conversation, message }));
}
