import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { DB_NAME, openSwitchboardDb, type Db } from '../../shared/db.ts';
import type { Account, IncomingMessage, Message, SendResult } from '../../shared/domain.ts';
import { DEFAULT_AUTOREPLY_SETTINGS, defaultRule, type AutoReplySettings, type Rule } from '../../shared/rules.ts';
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
let rules: Rule[];
let errors: unknown[];
let random: () => number;

function replier() {
  return new AutoReplier({
    db,
    ledger: idbLedgerStore(db),
    accounts: async () => [account],
    rules: async () => rules,
    settings: async () => settings,
    online: (accountId: string) => !offline.has(accountId),
    send: async (message: Message, text: string): Promise<SendResult> => {
      sent.push({ to: message.conversationId, text });
      return { ok: true, serverId: `s${sent.length}`, at: now };
    },
    deliver: async (outgoing: Message, text: string): Promise<SendResult> => {
      // Stored with the message it answers, before this attempt.
      expect(await db.get('messages', outgoing.key)).toMatchObject({ state: 'sending', text, direction: 'out' });
      sent.push({ to: outgoing.conversationId, text });
      return { ok: true, serverId: `s${sent.length}`, at: now };
    },
    onLedger: () => undefined,
    onError: (error) => void errors.push(error),
    now: () => now,
    random: () => random(),
    timeZone: () => 'Asia/Shanghai',
    locale: () => 'en',
    setTimer: (fn, ms) => void timers.push({ fn, ms }),
  });
}

/** Store a batch the way the engine does: decided inside the store transaction, sends started after it. */
async function store(ar: AutoReplier, batch: IncomingMessage[]) {
  const decisions = await ar.beforeStore();
  const result = await inbox.addMessages(account.id, batch, { participant: decisions });
  decisions.committed();
  return result;
}

/** One kick and everything it started: decisions committed, sends finished. */
async function run(ar: AutoReplier): Promise<void> {
  await ar.kick();
  await ar.settled();
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
  errors = [];
  random = () => 0.5;
  rules = [{ ...defaultRule('r1', 'Away'), reply: 'away, {name}', delay: { minSeconds: 5, maxSeconds: 5 }, cooldownMinutes: 0 }];
});
afterEach(() => db.close());

describe('AutoReplier', () => {
  it('plans a reply, waits for its delay, sends exactly once', async () => {
    const ar = replier();
    await inbox.addMessages(account.id, [incoming('m1', '20002')]);
    await run(ar);
    expect(sent).toEqual([]);
    expect(timers.at(-1)?.ms).toBe(5000);
    now += 5000;
    await run(ar);
    await run(ar);
    expect(sent).toEqual([{ to: 'qq:10001|20002', text: 'away, friend 20002' }]);
    const [entry] = await idbLedgerStore(db).list();
    expect(entry).toMatchObject({ state: 'sent', serverId: 's1' });
  });

  it('never answers replayed history or our own messages', async () => {
    await inbox.addMessages(account.id, [incoming('h1', '20002', { replay: true }), incoming('o1', '20002', { direction: 'out' })]);
    now += 60_000;
    await run(replier());
    expect(sent).toEqual([]);
    expect(await db.getAll('replyQueue')).toEqual([]);
  });

  it('a worker killed after planning sends the planned reply once after restart', async () => {
    await inbox.addMessages(account.id, [incoming('m1', '20002')]);
    await run(replier()); // planned; the worker "dies" here
    now += 10_000;
    const restarted = replier();
    await restarted.recover();
    await run(restarted);
    await run(restarted);
    expect(sent).toHaveLength(1);
  });

  it('a worker killed between claiming and hearing back leaves `unknown`, never a second send', async () => {
    await inbox.addMessages(account.id, [incoming('m1', '20002')]);
    const ar = replier();
    await run(ar);
    now += 5000;
    // Simulate death mid-send: the ledger says decided, the queue item is gone.
    const ledger = idbLedgerStore(db);
    const [item] = await db.getAll('replyQueue');
    await ledger.put({ key: 'qq|qq:10001|m1', service: 'qq', accountId: account.id, peerId: '20002', incomingId: 'm1', ruleId: 'r1', ruleName: 'Away', ruleIds: ['r1'], text: 'x', decidedAt: now, sendAt: now, state: 'decided' });
    expect(item).toBeDefined();
    const restarted = replier();
    await restarted.recover();
    await run(restarted);
    expect(sent).toEqual([]);
    expect((await ledger.get('qq|qq:10001|m1'))?.state).toBe('unknown');
    expect(await db.getAll('replyQueue')).toEqual([]);
  });

  it('switching auto-reply off during the delay cancels the planned reply visibly', async () => {
    await inbox.addMessages(account.id, [incoming('m1', '20002')]);
    const ar = replier();
    await run(ar);
    settings = { ...settings, enabled: false };
    now += 5000;
    await run(ar);
    expect(sent).toEqual([]);
    expect((await idbLedgerStore(db).list())[0]).toMatchObject({ state: 'failed', error: expect.stringContaining('switched off') });
  });

  it('a due reply waits, unclaimed, while its account is offline, and goes out once it is back', async () => {
    await inbox.addMessages(account.id, [incoming('m1', '20002')]);
    const ar = replier();
    await run(ar);
    now += 5000;
    offline.add(account.id);
    await run(ar);
    expect(sent).toEqual([]);
    expect(await idbLedgerStore(db).list()).toEqual([]);
    offline.delete(account.id);
    await run(ar);
    expect(sent).toHaveLength(1);
  });

  it('the same message delivered twice is answered once', async () => {
    await inbox.addMessages(account.id, [incoming('m1', '20002')]);
    await inbox.addMessages(account.id, [incoming('m1', '20002')]);
    const ar = replier();
    await run(ar);
    now += 5000;
    await Promise.all([run(ar), run(replier())]);
    expect(sent).toHaveLength(1);
  });

  it('a reply due at once is claimed in the transaction that stores its message, and sent after it', async () => {
    rules = [{ ...rules[0]!, delay: { minSeconds: 0, maxSeconds: 0 } }];
    const ar = replier();
    await store(ar, [incoming('m1', '20002')]);
    // Decided, claimed and started: the queue is empty and the ledger says decided or sent.
    expect(await db.getAll('replyQueue')).toEqual([]);
    expect((await idbLedgerStore(db).list()).map((e) => e.key)).toEqual(['qq|qq:10001|m1']);
    await ar.settled();
    expect(sent).toEqual([{ to: 'qq:10001|20002', text: 'away, friend 20002' }]);
    expect(timers).toEqual([]);
  });

  it('a reply due at once is stored as sending with the message it answers, and leaves the chat unread', async () => {
    rules = [{ ...rules[0]!, delay: { minSeconds: 0, maxSeconds: 0 } }];
    const ar = replier();
    const { companions, conversations } = await store(ar, [incoming('m1', '20002')]);
    expect(companions).toEqual([
      expect.objectContaining({ conversationId: 'qq:10001|20002', direction: 'out', senderId: '10001', state: 'sending', text: 'away, friend 20002', autoReply: { ruleId: 'r1', ruleName: 'Away' } }),
    ]);
    expect(conversations).toEqual([expect.objectContaining({ lastPreview: 'away, friend 20002', unread: 1 })]);
    expect(conversations[0]?.userWroteAt).toBeUndefined();
    // Killed right here, the next boot would find both: the claim (-> unknown) and the send in flight (-> failed).
    expect((await idbLedgerStore(db).list()).map((e) => e.state)).toEqual(['decided']);
    expect(await db.getAllKeys('kv')).toContain(`sending|${companions[0]?.key}`);
    await ar.settled();
    expect(sent).toEqual([{ to: 'qq:10001|20002', text: 'away, friend 20002' }]);
  });

  it('one batch: caps count the replies decided earlier in the same transaction', async () => {
    settings = { ...settings, caps: { perMinute: 3, perHour: 500, perDay: 2000 } };
    const batch = Array.from({ length: 10 }, (_, i) => incoming(`b${i}`, `peer${i}`));
    await store(replier(), batch);
    const planned = (await db.getAll('replyQueue')).filter((item) => 'plan' in item && item.plan);
    expect(planned.map((item) => item.messageKey)).toEqual(['qq:10001|b0', 'qq:10001|b1', 'qq:10001|b2']);
    expect(await db.getAll('replyQueue')).toHaveLength(3);
  });

  it('stays quiet in a conversation the user wrote in a moment ago, and answers elsewhere', async () => {
    settings = { ...settings, quietWhileActiveMinutes: 5 };
    await inbox.addMessages(account.id, [{ ...incoming('o1', '20002'), direction: 'out', senderId: '10001', at: now - 60_000 }]);
    await store(replier(), [incoming('m1', '20002'), incoming('m2', '30003')]);
    expect((await db.getAll('replyQueue')).map((item) => item.messageKey)).toEqual(['qq:10001|m2']);
  });

  it('our own auto-replies do not count as the user writing', async () => {
    settings = { ...settings, quietWhileActiveMinutes: 5 };
    await inbox.addMessages(account.id, [{ ...incoming('o1', '20002'), direction: 'out', senderId: '10001', at: now - 60_000, autoReply: { ruleId: 'r1', ruleName: 'Away' } }]);
    await store(replier(), [incoming('m1', '20002')]);
    expect(await db.getAll('replyQueue')).toHaveLength(1);
  });

  it('a batch stored just before the worker died is decided by the next worker, from the store', async () => {
    rules = [{ ...rules[0]!, delay: { minSeconds: 0, maxSeconds: 0 } }];
    await inbox.addMessages(account.id, [incoming('m1', '20002'), incoming('m2', '30003')]);
    expect(await db.getAll('replyQueue')).toHaveLength(1); // one record for the batch
    const restarted = replier(); // never offered the messages: it reads them back
    await restarted.recover();
    await run(restarted);
    expect(sent.map((s) => s.to).sort()).toEqual(['qq:10001|20002', 'qq:10001|30003']);
    expect(await db.getAll('replyQueue')).toEqual([]);
  });

  it('a message answered before is never answered again, even if stored anew after history was cleared', async () => {
    rules = [{ ...rules[0]!, delay: { minSeconds: 0, maxSeconds: 0 } }];
    const ar = replier();
    await store(ar, [incoming('m1', '20002')]);
    await ar.settled();
    await inbox.clearHistory();
    const again = await store(ar, [incoming('m1', '20002')]);
    expect(again.added).toHaveLength(1);
    await ar.settled();
    expect(sent).toHaveLength(1);
    expect(await db.getAll('replyQueue')).toEqual([]);
  });

  it('keeps the history in memory, but reads it again when someone else wrote it', async () => {
    settings = { ...settings, caps: { perMinute: 1, perHour: 500, perDay: 2000 } };
    const ar = replier();
    await store(ar, [incoming('m1', '20002')]);
    // Another writer empties the reply counters and says so with a new stamp.
    await db.put('kv', {}, 'autoReplyHistory|accounts');
    await db.put('kv', 'elsewhere', 'autoReplyHistoryStamp');
    await store(ar, [incoming('m2', '30003')]);
    expect((await db.getAll('replyQueue')).map((item) => item.messageKey)).toEqual(['qq:10001|m1', 'qq:10001|m2']);
    // Without a new stamp, the memory copy (one reply this minute) decides: the cap holds.
    await store(ar, [incoming('m3', '40004')]);
    expect(await db.getAll('replyQueue')).toHaveLength(2);
  });

  it('a decision that fails does not lose the batch: stored, queued, decided by the next pass', async () => {
    rules = [{ ...rules[0]!, delay: { minSeconds: 0, maxSeconds: 4 } }];
    random = () => {
      throw new Error('no randomness today');
    };
    const ar = replier();
    const { added } = await store(ar, [incoming('m1', '20002'), incoming('m2', '30003')]);
    expect(added).toHaveLength(2);
    expect(errors).toHaveLength(1);
    expect(await db.getAll('replyQueue')).toHaveLength(1); // the batch, undecided
    expect(await idbLedgerStore(db).list()).toEqual([]);
    random = () => 0;
    await run(ar);
    expect(sent.map((s) => s.to).sort()).toEqual(['qq:10001|20002', 'qq:10001|30003']);
  });

  it('a store transaction that fails claims nothing and sends nothing', async () => {
    rules = [{ ...rules[0]!, delay: { minSeconds: 0, maxSeconds: 0 } }];
    const ar = replier();
    const decisions = await ar.beforeStore();
    const unstorable = { ...incoming('m2', '30003'), text: (() => 'no') as unknown as string };
    await expect(inbox.addMessages(account.id, [incoming('m1', '20002'), unstorable], { participant: decisions })).rejects.toThrow();
    await ar.settled();
    expect(await db.getAll('messages')).toEqual([]);
    expect(await idbLedgerStore(db).list()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("a burst's contact reads go out with the store's first requests, and every message is decided", async () => {
    const issued: string[] = [];
    const { get, add } = IDBObjectStore.prototype;
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
      issued.push(`${this.name}.get`);
      return get.call(this, query);
    };
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      issued.push(`${this.name}.add`);
      return add.call(this, value, key);
    };
    try {
      const batch = Array.from({ length: 100 }, (_, i) => incoming(`b${i}`, String(30000 + (i % 50))));
      await store(replier(), batch);
    } finally {
      Object.assign(IDBObjectStore.prototype, { get, add });
    }
    // More messages than the ledger prefetch takes: the contacts are still read at once, not after
    // the messages are stored (which cost a whole extra round of requests), and once each although
    // both the inbox (titles of new conversations) and the decisions need them.
    expect(issued.filter((name) => name === 'contacts.get')).toHaveLength(50);
    expect(issued.lastIndexOf('contacts.get')).toBeLessThan(issued.indexOf('messages.add'));
    expect(await db.count('messages')).toBe(100);
    expect((await db.getAll('replyQueue')).every((item) => 'plan' in item && item.plan !== undefined)).toBe(true);
    expect(await db.count('replyQueue')).toBe(30); // planned replies, the minute's cap
  });
});
