// Request handlers for settings, data transfer and the auto-reply tester and log.
import { explain } from '../autoreply/decide.ts';
import { emptyHistory } from '../autoreply/history.ts';
import { validateRules, validateSettings } from '../../shared/rules.ts';
import type { AllSettings } from '../../shared/messages.ts';
import { autoReplySettingsItem, notificationSettingsItem, rulesItem } from '../platform/stores.ts';
import { t } from '../platform/i18n.ts';
import { exportData, importData } from './data-transfer.ts';
import { UserError } from './engine.ts';
import type { HandlerContext, Handlers } from './handlers.ts';

const OK = { ok: true } as const;

export async function readSettings(): Promise<AllSettings> {
  const [rules, autoReply, notifications] = await Promise.all([rulesItem.get(), autoReplySettingsItem.get(), notificationSettingsItem.get()]);
  return { rules, autoReply, notifications };
}

async function announce(ctx: HandlerContext): Promise<void> {
  ctx.broadcast({ type: 'settings', settings: await readSettings() });
}

const invalid = (errors: string[]) => new UserError(errors.join('\n'));

export const SETTINGS_HANDLERS: Pick<
  Handlers,
  | 'getSettings'
  | 'saveRules'
  | 'saveAutoReplySettings'
  | 'setAutoReplyEnabled'
  | 'saveNotificationSettings'
  | 'exportData'
  | 'importData'
  | 'clearHistory'
  | 'testAutoReply'
  | 'autoReplyLog'
> = {
  getSettings: () => readSettings(),

  async saveRules({ rules }, ctx) {
    const checked = validateRules(rules);
    if (!checked.ok) throw invalid(checked.errors);
    await rulesItem.set(checked.value);
    await announce(ctx);
    return OK;
  },

  async saveAutoReplySettings({ settings }, ctx) {
    const checked = validateSettings(settings);
    if (!checked.ok) throw invalid(checked.errors);
    await autoReplySettingsItem.set(checked.value);
    await announce(ctx);
    return OK;
  },

  async setAutoReplyEnabled({ enabled }, ctx) {
    await autoReplySettingsItem.update((s) => ({ ...s, enabled }));
    await announce(ctx);
    return OK;
  },

  async saveNotificationSettings({ settings }, ctx) {
    await notificationSettingsItem.set(settings);
    await announce(ctx);
    return OK;
  },

  async exportData(_p, ctx) {
    const { rules, autoReply, notifications } = await readSettings();
    const doc = exportData(rules, autoReply, notifications, await ctx.accounts.get(), Date.now());
    return { json: JSON.stringify(doc, null, 2), fileName: `switchboard-settings-${doc.exportedAt.slice(0, 10)}.json` };
  },

  async importData({ json }, ctx) {
    const result = importData(json);
    if (!result.ok) throw invalid(result.errors);
    const { autoReply, notifications, accounts } = result.value;
    await rulesItem.set(autoReply.rules);
    await autoReplySettingsItem.set(autoReply.settings);
    await notificationSettingsItem.set(notifications);
    // Accounts come back signed out: passwords and sessions are never exported.
    let added = 0;
    await ctx.accounts.update((all) => {
      const next = [...all];
      for (const a of accounts) {
        const id = `${a.service}:${a.localId ?? Date.now().toString(36) + added}`;
        if (a.localId && next.some((x) => x.id === id)) continue;
        if (!a.localId && next.some((x) => x.service === 'wechat' && x.label === a.label)) continue;
        next.push({ id, service: a.service, label: a.label, enabled: false, createdAt: Date.now() });
        ctx.states.set(id, { status: 'signedOut', reason: t('reasonImported') });
        added += 1;
      }
      return next;
    });
    await announce(ctx);
    await ctx.broadcastSnapshot();
    return { rules: autoReply.rules.length, accounts: added };
  },

  async clearHistory(_p, ctx) {
    await ctx.inbox.clearHistory();
    ctx.broadcast({ type: 'historyCleared' });
    await ctx.engine.refreshBadge();
    return OK;
  },

  async testAutoReply(p) {
    const { rules, autoReply } = await readSettings();
    const now = Date.now();
    const accountId = `${p.service}:tester`;
    return explain({
      message: {
        serverId: 'tester',
        peerId: p.isGroup ? 'tester-group' : 'tester-peer',
        direction: 'in',
        senderId: 'tester-peer',
        senderName: p.senderName,
        at: now,
        kind: p.kind ?? 'text',
        text: p.text,
        mentionsMe: p.mentionsMe,
      },
      contact: p.isContact || p.isGroup ? { accountId, id: p.isGroup ? 'tester-group' : 'tester-peer', name: p.senderName, kind: p.isGroup ? 'group' : 'user' } : undefined,
      account: { id: accountId, service: p.service, selfId: 'tester-self' },
      rules,
      settings: autoReply,
      clock: { now, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone },
      history: emptyHistory(),
      random: Math.random,
      locale: navigator.language,
    });
  },

  async autoReplyLog({ limit }, ctx) {
    const entries = await ctx.ledger.list();
    entries.sort((a, b) => b.decidedAt - a.decidedAt);
    return { entries: entries.slice(0, limit ?? 500) };
  },
};
