// Cold start and wake-up: open the store, restore live state, resume every account's loop from its
// persisted cursor (invariant 2). Runs once per worker life; every listener waits for it.
import { t } from '../platform/i18n.ts';
import type { Message, SendResult } from '../../shared/domain.ts';
import browser, { type Runtime } from 'webextension-polyfill';
import { openSwitchboardDb } from '../../shared/db.ts';
import type { Reply, RequestType, UiEvent } from '../../shared/messages.ts';
import { CONTENT_SCRIPT_REQUESTS, parseRequest } from '../../shared/request-schemas.ts';
import { InboxStore } from '../inbox/store.ts';
import { diagnosticsLog } from '../platform/diagnostics.ts';
import {
  accountsItem,
  autoReplySettingsItem,
  bootIdItem,
  diagnosticsItem,
  notificationSettingsItem,
  rulesItem,
  statesItem,
  weiboUidSeenItem,
} from '../platform/stores.ts';
import { loadRules } from '../../shared/rules.ts';
import { CONNECTORS } from '../services/registry.ts';
import { AccountRunner } from './account-runner.ts';
import { AccountStates } from './account-states.ts';
import { connectorDeps } from './connector-deps.ts';
import { Engine, UserError } from './engine.ts';
import { AutoReplier } from './auto-replier.ts';
import { idbLedgerStore } from './ledger-store.ts';
import { HANDLERS, type HandlerContext } from './handlers.ts';
import { UiPorts } from './ui-ports.ts';

export const WATCHDOG_ALARM = 'watchdog';

export interface World {
  handle(message: unknown, sender: Runtime.MessageSender): Promise<Reply<RequestType>>;
  ports: UiPorts;
  /** Restart any loop that should run and does not (alarm, startup, install). */
  watchdog(): Promise<void>;
  /** A clicked notification: the chat window, on the conversation when there is one. */
  openFromNotification(conversationId: string | undefined): Promise<void>;
}

export async function boot(bootId: string): Promise<World> {
  await bootIdItem.set(bootId);
  const db = await openSwitchboardDb();
  const inbox = new InboxStore(db);
  const diagnostics = diagnosticsLog(diagnosticsItem);
  const ownOrigin = browser.runtime.getURL('');
  const isOwnPage = (url: string | undefined) => !!url && url.startsWith(ownOrigin);

  const ports = new UiPorts(
    isOwnPage,
    (send) => void engine.snapshot().then((snapshot) => send({ type: 'snapshot', snapshot })),
    (watched) => runner.setWatched(watched),
  );
  const broadcast = (event: UiEvent) => ports.broadcast(event);
  const states = new AccountStates(
    statesItem,
    (state) => {
      broadcast({ type: 'state', state });
      // Planned auto-replies wait for their account to be online; this is when they may go.
      if (state.status === 'online') void replier.kick();
    },
    () => Date.now(),
  );
  await states.load();
  const runner = new AccountRunner(
    (account, signal) => CONNECTORS[account.service](connectorDeps(account, signal, engine.eventsFor(account))),
    (accountId, error) => {
      if (error) void diagnostics.add({ at: Date.now(), accountId, level: 'error', what: 'loop crashed', raw: String(error) });
    },
  );
  const parts = {
    bootId,
    inbox,
    states,
    runner: () => runner,
    accounts: accountsItem,
    notificationSettings: notificationSettingsItem,
    weiboUidSeen: weiboUidSeenItem,
    broadcast,
    diagnostics,
    incoming: { beforeStore: () => replier.beforeStore() },
  };
  const engine: Engine = new Engine(parts);
  const ledger = idbLedgerStore(db);
  let loaded: { raw: unknown; rules: ReturnType<typeof loadRules>['rules'] } = { raw: undefined, rules: [] };
  const replier = new AutoReplier({
    db,
    ledger,
    accounts: () => accountsItem.get(),
    rules: async () => {
      // Rules are validated (regexes probed) once per change, not once per message.
      const raw = await rulesItem.get();
      if (loaded.raw !== raw) loaded = { raw, rules: loadRules(raw).rules };
      return loaded.rules;
    },
    settings: () => autoReplySettingsItem.get(),
    online: (accountId) => runner.isRunning(accountId) && states.get(accountId)?.status === 'online',
    send: async (message, text, rule) => outcomeOf(await engine.send(message.conversationId, { kind: 'text', text }, rule)),
    deliver: async (outgoing, text) => outcomeOf(await engine.deliver(outgoing, { kind: 'text', text })),
    onLedger: (entry) => broadcast({ type: 'autoReply', entry }),
    onError: (error) => void diagnostics.add({ at: Date.now(), accountId: '', level: 'error', what: 'auto-reply decision failed', raw: String(error) }),
    now: () => Date.now(),
    random: () => Math.random(),
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    locale: () => navigator.language,
    setTimer: (fn, ms) => void setTimeout(fn, ms),
  });
  // Before any loop runs: sends that were mid-way when the last worker died become `unknown`
  // (auto-replies, in the ledger) and `failed` with the reason (their messages, which would
  // otherwise say "sending" forever).
  await replier.recover();
  const interrupted = await inbox.failInterruptedSends(t('errorSendInterrupted'));
  if (interrupted.length) broadcast({ type: 'messages', messages: interrupted });
  // Contacts stored before the worker kept compact records get theirs (the popup reads the full
  // contacts until then). A failure costs the popup speed, not data: logged, the engine goes on.
  await inbox.repairCompactContacts().catch((error: unknown) => diagnostics.add({ at: Date.now(), accountId: '', level: 'error', what: 'compact contacts not rebuilt', raw: String(error) }));

  const ctx: HandlerContext = {
    engine,
    inbox,
    runner,
    states,
    accounts: accountsItem,
    weiboUidSeen: weiboUidSeenItem,
    diagnostics,
    broadcast,
    broadcastSnapshot: async () => broadcast({ type: 'snapshot', snapshot: await engine.snapshot() }),
    ledger,
  };

  const watchdog = async () => {
    for (const account of await accountsItem.get()) runner.ensure(account, states.get(account.id)?.status);
    await replier.kick();
  };
  await browser.alarms.create(WATCHDOG_ALARM, { periodInMinutes: 0.5 });
  await watchdog();
  await engine.refreshBadge();

  return {
    ports,
    watchdog,
    async handle(message, sender) {
      if (sender.id !== browser.runtime.id) return { ok: false, error: 'unknown sender' };
      const parsed = parseRequest(message);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      const { type, payload } = parsed.request;
      if (!isOwnPage(sender.url)) {
        const fromWeibo = !!sender.url && /^https?:\/\/([a-z0-9-]+\.)*weibo\.com\//.test(sender.url);
        if (!CONTENT_SCRIPT_REQUESTS.includes(type) || !fromWeibo) return { ok: false, error: `${type} is not allowed from ${sender.url ?? 'here'}` };
      }
      try {
        const handler = HANDLERS[type] as (p: typeof payload, c: HandlerContext) => Promise<unknown>;
        return { ok: true, value: await handler(payload, ctx) } as Reply<RequestType>;
      } catch (error) {
        if (error instanceof UserError) return { ok: false, error: error.message };
        void diagnostics.add({ at: Date.now(), accountId: '', level: 'error', what: `request ${type} failed`, raw: String(error) });
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
    async openFromNotification(conversationId) {
      const route = conversationId ? `#/c/${encodeURIComponent(conversationId)}` : '';
      await browser.tabs.create({ url: browser.runtime.getURL(`extension/popup/index.html?window=1${route}`) });
    },
  };
}

/** What an auto-reply's ledger entry records of its message's final state. */
function outcomeOf(sent: Message): SendResult {
  return sent.state === 'sent' ? { ok: true, serverId: sent.serverId, at: sent.at } : { ok: false, error: sent.error ?? 'not sent', retryable: false };
}
