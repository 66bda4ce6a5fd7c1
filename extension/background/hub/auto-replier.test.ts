import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { DB_NAME, openSwitchboardDb, type Db } from '../../shared/db.ts';
import type { Account, IncomingMessage, Message, SendResult } from '../../shared/domain.ts';
import { DEFAULT_AUTOREPLY_SETTINGS, defaultRule, type AutoReplySettings } from '../../shared/rules.ts';
import { InboxStore } from '../inbox/store.ts';
import { AutoReplier } from './auto-replier.ts';
import { idbLedgerStore } from './ledger-store.ts';

const account: Account = { id: 'qq:10001', service: 'qq', label: 'me', selfId: '10001', enabled: true, createdAt: 0 };
const T0 = Date.UTC(2026, 10, 22, 3, 0, 0);

let db: Db;
let inbox: InboxStore;
let now: number;
let settings: AutoReplySettings;
let sent: { to: string; text: string }[];
let timers: { fn: () => void; ms: number }[];
let offline: Set<string>;

function replier() {
  return new AutoReplier({
    db,
    ledger: idbLedgerStore(db),
    accounts: async () => [account],
    rules: async () => [{ ...defaultRule('r1', 'Away'), reply: 'away, {name}', delay: { minSeconds: 5, maxSeconds: 5 }, cooldownMinutes: 0 }],
    settings: async () => settings,
    contact: async () => undefined,
    lastUserWriteAt: async () => undefined,
    online: (accountId: string) => !offline.has(accountId),
    send: async (message: Message, text: string): Promise<SendResult> => {
      sent.push({ to: message.conversationId, text });
      return { ok: true, serverId: `s${sent.length}`, at: now };
    },
    onLedger: () => undefined,
    now: () => now,
    random: () => 0.5,
    timeZone: () => 'Asia/Shanghai',
    locale: () => 'en',
    setTimer: (fn, ms) => void timers.push({ fn, ms }),
  });
}

const incoming = (serverId: string, peerId: string, extra: Partial<IncomingMessage> = {}): IncomingMessage => ({
  serverId,
  peerId,
  direction: 'in',
  senderId: peerId,
  senderName: `friend ${peerId}`,
  at: now,
  kind: 'text',
  text: 'hello',
  ...extra,
});

beforeEach(async () => {
  await deleteDB(DB_NAME);
  db = await openSwitchboardDb();
  inbox = new InboxStore(db);
  now = T0;
  settings = { ...DEFAULT_AUTOREPLY_SETTINGS, enabled: true, caps: { perMinute: 30, perHour: 500, perDay: 2000 } };
  sent = [];
  timers = [];
  offline = new Set();
});
afterEach(() => db.close());

describe('AutoReplier', () => {
  it('plans a reply, waits for its delay, sends exactly once', async () => {
    const ar = replier();
    await inbox.addMessages(account.id, [incoming('m1', '20002')]);
    await ar.kick();
    expect(sent).toEqual([]);
    expect(timers.at(-1)?.ms).toBe(5000);
    now += 5000;
    await ar.kick();
    await ar.kick();
    expect(sent).toEqual([{ to: 'qq:10001|20002', text: 'away, friend 20002' }]);
    const [entry] = await idbLedgerStore(db).list();
    expect(entry).toMatchObject({ state: 'sent', serverId: 's1' });
  });

  it('never answers replayed history or our own messages', async () => {
    await inbox.addMessages(account.id, [incoming('h1', '20002', { replay: true }), incoming('o1', '20002', { direction: 'out' })]);
    now += 60_000;
    await replier().kick();
    expect(sent).toEqual([]);
    expect(await db.getAll('replyQueue')).toEqual([]);
  });

  it('a worker killed after planning sends the planned reply once after restart', async () => {
    await inbox.addMessages(account.id, [incoming('m1', '20002')]);
    await replier().kick(); // planned; the worker "dies" here
    now += 10_000;
    const restarted = replier();
    await restarted.recover();
    await restarted.kick();
    await restarted.kick();
    expect(sent).toHaveLength(1);
  });

  it('a worker killed between claiming and hearing back leaves `unknown`, never a second send', async () => {
    await inbox.addMessages(account.id, [incoming('m1', '20002')]);
    const ar = replier();
    await ar.kick();
    now += 5000;
    // Simulate death mid-send: the ledger says decided, the queue item is gone.
    const ledger = idbLedgerStore(db);
    const [item] = await db.getAll('replyQueue');
    await ledger.add({ key: 'qq|qq:10001|m1', service: 'qq', accountId: account.id, peerId: '20002', incomingId: 'm1', ruleId: 'r1', ruleName: 'Away', ruleIds: ['r1'], text: 'x', decidedAt: now, sendAt: now, state: 'decided' });
    expect(item).toBeDefined();
    const restarted = replier();
    await restarted.recover();
    await restarted.kick();
    expect(sent).toEqual([]);
    expect((await ledger.get('qq|qq:10001|m1'))?.state).toBe('unknown');
    expect(await db.getAll('replyQueue')).toEqual([]);
  });

  it('switching auto-reply off during the delay cancels the planned reply visibly', async () => {
    await inbox.addMessages(account.id, [incoming('m1', '20002')]);
    const ar = replier();
    await ar.kick();
    settings = { ...settings, enabled: false };
    now += 5000;
    await ar.kick();
    expect(sent).toEqual([]);
    expect((await idbLedgerStore(db).list())[0]).toMatchObject({ state: 'failed', error: expect.stringContaining('switched off') });
  });

  it('a due reply waits, unclaimed, while its account is offline, and goes out once it is back', async () => {
    await inbox.addMessages(account.id, [incoming('m1', '20002')]);
    const ar = replier();
    await ar.kick();
    now += 5000;
    offline.add(account.id);
    await ar.kick();
    expect(sent).toEqual([]);
    expect(await idbLedgerStore(db).list()).toEqual([]);
    offline.delete(account.id);
    await ar.kick();
    expect(sent).toHaveLength(1);
  });

  it('the same message delivered twice is answered once', async () => {
    await inbox.addMessages(account.id, [incoming('m1', '20002')]);
    await inbox.addMessages(account.id, [incoming('m1', '20002')]);
    const ar = replier();
    await ar.kick();
    now += 5000;
    await Promise.all([ar.kick(), replier().kick()]);
    expect(sent).toHaveLength(1);
  });
});
