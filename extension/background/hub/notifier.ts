// Desktop notifications for new messages and the action badge (total unread, muted excluded).
import browser from 'webextension-polyfill';
import type { Conversation, Message } from '../../shared/domain.ts';
import { previewOf } from '../../shared/preview.ts';
import type { NotificationSettings } from '../../shared/settings.ts';
import { t } from '../platform/i18n.ts';

const NOTIFICATION_PREFIX = 'msg:';
/** The summary of a batch that touched many conversations; clicking it opens the inbox. */
export const INBOX_NOTIFICATION = 'inbox';

export function badgeText(unread: number): string {
  if (unread <= 0) return '';
  return unread > 99 ? '99+' : String(unread);
}

export async function showBadge(unread: number): Promise<void> {
  await browser.action.setBadgeText({ text: badgeText(unread) });
  await browser.action.setBadgeBackgroundColor({ color: '#d93025' });
}

export async function notifyMessage(settings: NotificationSettings, conversation: Conversation, message: Message): Promise<void> {
  const sender = message.senderName && conversation.isGroup ? `${message.senderName} · ${conversation.title}` : conversation.title;
  await browser.notifications.create(`${NOTIFICATION_PREFIX}${conversation.id}|${message.serverId}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title: sender,
    message: settings.privacy ? t('notificationPrivate') : previewOf({ ...message, senderName: undefined }),
  });
}

export async function notifySummary(messages: number, conversations: number): Promise<void> {
  await browser.notifications.create(INBOX_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title: t('notificationSummaryTitle', String(messages)),
    message: t('notificationSummaryBody', String(conversations)),
  });
}

export async function notifyAccount(id: string, title: string, message: string): Promise<void> {
  await browser.notifications.create(`account:${id}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title,
    message,
  });
}

/** The conversation a clicked notification belongs to, if it was a message notification. */
export function conversationOfNotification(notificationId: string): string | undefined {
  if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return undefined;
  const rest = notificationId.slice(NOTIFICATION_PREFIX.length);
  return rest.slice(0, rest.lastIndexOf('|'));
}
