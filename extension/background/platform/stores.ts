// Every chrome.storage key the worker uses, declared once with its area and default (design §5).
import browser from 'webextension-polyfill';
import type { Account, AccountState } from '../../shared/domain.ts';
import type { DiagnosticEntry } from '../../shared/messages.ts';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from '../../shared/settings.ts';
import { DEFAULT_AUTOREPLY_SETTINGS, type AutoReplySettings, type Rule } from '../../shared/rules.ts';
import { memoizedItem, storageItem, type StorageAreaLike } from './storage-item.ts';

const local = (): StorageAreaLike => browser.storage.local;
/** In memory, survives worker restarts, cleared at browser restart: live state only. */
const session = (): StorageAreaLike => browser.storage.session;

// The worker is the only writer of these keys, so it keeps them in memory (read on every message).
export const accountsItem = memoizedItem(storageItem(local, 'accounts', (): Account[] => []));
export const notificationSettingsItem = memoizedItem(storageItem(local, 'notificationSettings', (): NotificationSettings => DEFAULT_NOTIFICATION_SETTINGS));
export const rulesItem = memoizedItem(storageItem(local, 'autoReplyRules', (): Rule[] => []));
export const autoReplySettingsItem = memoizedItem(storageItem(local, 'autoReplySettings', (): AutoReplySettings => DEFAULT_AUTOREPLY_SETTINGS));
export const diagnosticsItem = storageItem(local, 'diagnostics', (): DiagnosticEntry[] => []);
export const weiboUidSeenItem = storageItem(session, 'weiboUidSeen', (): string | undefined => undefined);
export const statesItem = storageItem(session, 'accountStates', (): Record<string, AccountState> => ({}));
export const bootIdItem = storageItem(session, 'bootId', (): string => '');

/** Per-account slots (cursors, sessions, credentials): `slot:<accountId>:<name>` in local storage. */
export const slotItem = <T>(accountId: string, name: string) =>
  storageItem<T | undefined>(local, `slot:${accountId}:${name}`, () => undefined);

export async function removeSlots(accountId: string): Promise<void> {
  const all = await browser.storage.local.get(null);
  const keys = Object.keys(all).filter((key) => key.startsWith(`slot:${accountId}:`));
  if (keys.length) await browser.storage.local.remove(keys);
}
