// The table of request handlers: one small function per request type (no giant switch).
import type { Account, SendContent, ServiceId } from '../../shared/domain.ts';
import { accountIdOf, SERVICES } from '../../shared/domain.ts';
import type { RequestPayload, RequestType, ResponseMap, UiEvent } from '../../shared/messages.ts';
import { splitConversationId, type InboxStore } from '../inbox/store.ts';
import { t } from '../platform/i18n.ts';
import type { StorageItem } from '../platform/storage-item.ts';
import { removeSlots, slotItem } from '../platform/stores.ts';
import type { AccountRunner } from './account-runner.ts';
import type { AccountStates } from './account-states.ts';
import { UserError, type Engine } from './engine.ts';
import type { LedgerStore } from '../autoreply/ledger.ts';
import { SETTINGS_HANDLERS } from './settings-handlers.ts';

export interface HandlerContext {
  engine: Engine;
  inbox: InboxStore;
  runner: AccountRunner;
  states: AccountStates;
  accounts: StorageItem<Account[]>;
  weiboUidSeen: StorageItem<string | undefined>;
  diagnostics: { list(accountId?: string): Promise<ResponseMap['diagnostics']['entries']> };
  broadcastSnapshot: () => Promise<void>;
  broadcast: (event: UiEvent) => void;
  ledger: LedgerStore;
}

export type Handlers = { [T in RequestType]: (payload: RequestPayload<T>, ctx: HandlerContext) => Promise<ResponseMap[T]> };

const OK = { ok: true } as const;

const SERVICE_LABEL: Record<ServiceId, string> = { wechat: 'WeChat', weibo: 'Weibo', qq: 'QQ' };

async function startAccount(ctx: HandlerContext, accountId: string): Promise<void> {
  const list = await ctx.accounts.update((all) => all.map((a) => (a.id === accountId ? { ...a, enabled: true } : a)));
  const account = list.find((a) => a.id === accountId);
  if (!account) throw new UserError(t('errorNoSuchAccount'));
  ctx.states.set(accountId, { status: 'signingIn' });
  ctx.runner.ensure(account, undefined, true);
}

async function stopAccount(ctx: HandlerContext, accountId: string, reason: string): Promise<void> {
  await ctx.runner.connector(accountId)?.signOut().catch(() => undefined);
  await ctx.runner.stop(accountId);
  await ctx.accounts.update((all) => all.map((a) => (a.id === accountId ? { ...a, enabled: false } : a)));
  ctx.states.set(accountId, { status: 'signedOut', reason });
}

function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export const HANDLERS: Handlers = {
  ...SETTINGS_HANDLERS,
  snapshot: async (_p, ctx) => ctx.engine.snapshot(),

  async addAccount({ service, localId, passwordMd5 }, ctx) {
    if (!SERVICES.includes(service)) throw new UserError(t('errorUnknownService'));
    if (service !== 'wechat' && !localId) throw new UserError(t('errorNeedsId'));
    if (service === 'qq' && !passwordMd5) throw new UserError(t('errorNeedsPassword'));
    // WeChat's own id is known only after login; a local id keeps accounts apart until then.
    const accountId = accountIdOf(service, localId ?? Date.now().toString(36));
    if (passwordMd5) await slotItem(accountId, 'credentials').set({ passwordMd5 });
    await ctx.accounts.update((all) =>
      all.some((a) => a.id === accountId)
        ? all
        : [...all, { id: accountId, service, label: localId ?? SERVICE_LABEL[service], enabled: true, createdAt: Date.now() }],
    );
    if (service === 'weibo' && localId === (await ctx.weiboUidSeen.get())) await ctx.weiboUidSeen.remove();
    await startAccount(ctx, accountId);
    await ctx.broadcastSnapshot();
    return { accountId };
  },

  async signIn({ accountId }, ctx) {
    await startAccount(ctx, accountId);
    await ctx.broadcastSnapshot();
    return OK;
  },

  async signOut({ accountId }, ctx) {
    await stopAccount(ctx, accountId, t('reasonSignedOutByYou'));
    await ctx.broadcastSnapshot();
    return OK;
  },

  async removeAccount({ accountId }, ctx) {
    await stopAccount(ctx, accountId, t('reasonSignedOutByYou'));
    await removeSlots(accountId);
    await ctx.inbox.forgetAccount(accountId);
    // Its contacts are gone: an open contacts list reads again.
    ctx.broadcast({ type: 'contactsChanged', accountId });
    ctx.states.forget(accountId);
    await ctx.accounts.update((all) => all.filter((a) => a.id !== accountId));
    await ctx.engine.refreshBadge();
    await ctx.broadcastSnapshot();
    return OK;
  },

  async setPassword({ accountId, passwordMd5 }, ctx) {
    await ctx.runner.stop(accountId);
    await slotItem(accountId, 'credentials').set({ passwordMd5 });
    await startAccount(ctx, accountId);
    return OK;
  },

  async sendText({ conversationId, text }, ctx) {
    const message = await ctx.engine.send(conversationId, { kind: 'text', text });
    return { messageKey: message.key };
  },

  async sendAttachment({ conversationId, attachment }, ctx) {
    const content: SendContent = { kind: attachment.kind, name: attachment.name, mime: attachment.mime, bytes: decodeBase64(attachment.base64) };
    const message = await ctx.engine.send(conversationId, content);
    return { messageKey: message.key };
  },

  async retrySend({ messageKey }, ctx) {
    const message = await ctx.inbox.getMessage(messageKey);
    if (!message || message.direction !== 'out' || message.state !== 'failed') throw new UserError(t('errorNothingToRetry'));
    // Auto-replies are never retried (invariant 3); attachments are not kept, so they are attached again.
    if (message.autoReply) throw new UserError(t('errorAutoReplyNoRetry'));
    if (message.kind !== 'text') throw new UserError(t('errorAttachAgain'));
    const sending = await ctx.inbox.updateMessage(messageKey, (m) => ({ ...m, state: 'sending', error: undefined }));
    if (!sending) throw new UserError(t('errorNothingToRetry'));
    const done = await ctx.engine.deliver(sending, { kind: 'text', text: message.text });
    return { messageKey: done.key };
  },

  async markRead({ conversationId }, ctx) {
    await ctx.engine.markRead([conversationId]);
    const { accountId, peerId } = splitConversationId(conversationId);
    void ctx.runner.connector(accountId)?.command({ kind: 'markRead', peerId }).catch(() => undefined);
    return OK;
  },

  async markAllRead(_p, ctx) {
    await ctx.engine.markRead();
    return OK;
  },

  async setMuted({ conversationId, muted }, ctx) {
    const changed = await ctx.inbox.updateConversation(conversationId, (c) => ({ ...c, muted }));
    if (!changed) throw new UserError(t('errorNoSuchConversation'));
    ctx.broadcast({ type: 'conversations', conversations: [changed] });
    await ctx.engine.refreshBadge();
    return OK;
  },

  async accountCommand({ accountId, command }, ctx) {
    const connector = ctx.runner.connector(accountId);
    if (!connector) throw new UserError(t('errorAccountOffline'));
    const result = await connector.command(command);
    if (!result.ok) throw new UserError(result.error);
    return { ok: true, ...(result.contacts ? { contacts: result.contacts } : {}), ...(result.message ? { message: result.message } : {}) };
  },

  async diagnostics({ accountId }, ctx) {
    return { entries: await ctx.diagnostics.list(accountId) };
  },

  async weiboUidSeen({ uid }, ctx) {
    const known = (await ctx.accounts.get()).some((a) => a.id === accountIdOf('weibo', uid));
    if (!known && (await ctx.weiboUidSeen.get()) !== uid) {
      await ctx.weiboUidSeen.set(uid);
      await ctx.broadcastSnapshot();
    }
    return OK;
  },
};
