// Export and import of everything a user configured (not history): auto-reply rules and settings,
// notification settings, and the list of accounts (never passwords or sessions). One versioned
// JSON document; an import is validated whole before anything is replaced.
import * as v from 'valibot';
import type { Account } from '../../shared/domain.ts';
import { importAutoReplyDocument, toAutoReplyDocument, type AutoReplyDocument } from '../../shared/rules-document.ts';
import type { AutoReplySettings, Rule, Validated } from '../../shared/rules.ts';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../../shared/settings.ts';

export const DATA_FORMAT = 'switchboard-settings';
export const DATA_VERSION = 1;

export interface ExportedAccount {
  service: Account['service'];
  /** Weibo uid or QQ number; absent for WeChat (its id comes from the next QR login). */
  localId?: string;
  label: string;
}

export interface DataDocument {
  format: typeof DATA_FORMAT;
  version: typeof DATA_VERSION;
  exportedAt: string;
  autoReply: AutoReplyDocument;
  notifications: NotificationSettings;
  accounts: ExportedAccount[];
}

const accountSchema = v.object({
  service: v.picklist(['wechat', 'weibo', 'qq']),
  localId: v.optional(v.pipe(v.string(), v.regex(/^\d{4,20}$/))),
  label: v.pipe(v.string(), v.maxLength(200)),
});

export function exportData(rules: Rule[], autoReply: AutoReplySettings, notifications: NotificationSettings, accounts: Account[], now: number): DataDocument {
  return {
    format: DATA_FORMAT,
    version: DATA_VERSION,
    exportedAt: new Date(now).toISOString(),
    autoReply: toAutoReplyDocument(rules, autoReply, now),
    notifications,
    accounts: accounts.map((a) => ({
      service: a.service,
      ...(a.service !== 'wechat' ? { localId: a.id.slice(a.id.indexOf(':') + 1) } : {}),
      label: a.label,
    })),
  };
}

export function importData(text: string): Validated<DataDocument> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`the file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== DATA_FORMAT) {
    return { ok: false, errors: ['this is not a Switchboard settings file'] };
  }
  const doc = raw as Record<string, unknown>;
  if (typeof doc.version !== 'number' || doc.version > DATA_VERSION) {
    return { ok: false, errors: [`this file was made by a newer Switchboard (format ${String(doc.version)}); update Switchboard first`] };
  }
  const errors: string[] = [];
  const autoReply = importAutoReplyDocument(doc.autoReply);
  if (!autoReply.ok) errors.push(...autoReply.errors.map((e) => `auto-reply: ${e}`));
  const notifications = v.safeParse(NOTIFICATION_SETTINGS, doc.notifications);
  if (!notifications.success) errors.push(`notifications: ${notifications.issues[0].message}`);
  const accounts = v.safeParse(v.pipe(v.array(accountSchema), v.maxLength(50)), doc.accounts ?? []);
  if (!accounts.success) errors.push(`accounts: ${accounts.issues[0].message}`);
  if (errors.length || !autoReply.ok || !notifications.success || !accounts.success) return { ok: false, errors };
  return {
    ok: true,
    value: {
      format: DATA_FORMAT,
      version: DATA_VERSION,
      exportedAt: typeof doc.exportedAt === 'string' ? doc.exportedAt : '',
      autoReply: autoReply.value,
      notifications: notifications.output,
      accounts: accounts.output,
    },
  };
}
