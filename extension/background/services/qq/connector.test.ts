// The QQ connector end to end in Node against the simulator (e2e/sim/qq), over real HTTP with the
// production URL mapped to the simulator by the test's deps.http.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSim } from '../../../../e2e/sim/server.ts';
import { qqModule } from '../../../../e2e/sim/qq/index.ts';
import { simControl } from '../../../../e2e/sim/qq/test-client.ts';
import type { Connector } from '../connector.ts';
import { createQqConnectorWith } from './index.ts';
import { qqPasswordDigest } from './password.ts';
import { ACTIVE_WINDOW_MS } from './poll-pace.ts';
import type { QqOptions } from './runtime.ts';
import { createHarness, type Harness } from './test-harness.ts';

let sim: RunningSim;
const running: { stop: AbortController; done: Promise<void> }[] = [];

beforeAll(async () => {
  sim = await startSimulator({ modules: [qqModule] });
});
afterAll(() => sim.close());
beforeEach(() => fetch(`${sim.controlUrl}/reset`, { method: 'POST' }));
afterEach(async () => {
  for (const run of running.splice(0)) {
    run.stop.abort();
    await run.done;
  }
});

const control = <T = Record<string, unknown>>(action: string, body: Record<string, unknown> = {}) => simControl<T>(sim.controlUrl, action, body);
const records = async (kind: string) =>
  (await (await fetch(`${sim.controlUrl}/records?service=qq&kind=${kind}`)).json()) as { detail: Record<string, unknown> }[];
const sentTexts = async () => (await control<{ sent: { to: string; text: string }[] }>('sent')).sent;

function setup(options: { password?: string; slots?: Map<string, unknown>; qq?: Partial<QqOptions>; holdSleepsFrom?: number } = {}) {
  const h = createHarness({
    httpPort: sim.httpPort,
    uin: '10001',
    passwordMd5: qqPasswordDigest(options.password ?? 'switchboard'),
    slots: options.slots,
    holdSleepsFrom: options.holdSleepsFrom,
  });
  const connector = createQqConnectorWith(h.deps, { deadlineMs: 5_000, ...options.qq });
  return { h, connector };
}

function start(connector: Connector) {
  const stop = new AbortController();
  const done = connector.start(stop.signal);
  running.push({ stop, done });
  return { stop, done };
}

async function online(h: Harness) {
  await h.waitFor(() => h.contacts.size >= 130 && h.statuses.some((s) => s.status === 'online'), 'friends synced');
}

describe('QQ connector against the simulator', () => {
  it('signs in and syncs 130 friends with presence and names', async () => {
    const { h, connector } = setup();
    start(connector);
    await online(h);
    expect(h.statuses.map((s) => s.status).slice(0, 2)).toEqual(['signingIn', 'online']);
    expect(h.self).toEqual([['10001', 'Switchboard 测试']]);
    const friends = [...h.contacts.values()];
    expect(friends).toHaveLength(130);
    expect(friends.filter((c) => c.presence !== 'offline')).toHaveLength(57);
    expect(h.contacts.get('20013')).toEqual({ id: '20013', name: '李,雷', kind: 'user', presence: 'online' });
    expect(h.contacts.get('20007')).toMatchObject({ name: 'Tom & Jerry', presence: 'busy' });
    expect(h.contacts.get('20002')).toMatchObject({ name: '20002', presence: 'offline' });
    expect(h.slots.get('session')).toMatchObject({ uin: '10001', hi: 60, li: 300 });
    expect(h.diagnostics).toEqual([]);
  });

  it('receives messages with commas, ampersands, percent and CJK intact, system messages and presence notices', async () => {
    const { h, connector } = setup();
    start(connector);
    await online(h);
    const tricky = 'a,b & c=d 100% 你好, 世界 &amp; %2c\r\nline 2';
    await control('inject', { messages: [{ from: 20003, text: tricky }, { from: 10000, text: '系统: 维护通知' }, { from: 20003, text: tricky }] });
    await control('presence', { uin: 20002, status: 'online' });
    await h.waitFor(() => h.messages.length >= 3 && h.contacts.get('20002')?.presence === 'online', 'messages and presence');
    expect(h.messages.map((m) => [m.senderId, m.kind, m.text])).toEqual([
      ['20003', 'text', tricky],
      ['10000', 'system', '系统: 维护通知'],
      ['20003', 'text', tricky],
    ]);
    expect(h.messages[0]).toMatchObject({ peerId: '20003', senderName: '朋友3', direction: 'in' });
    expect(h.contacts.get('10000')).toEqual({ id: '10000', name: 'QQ System', kind: 'system' });
  });

  it('sends replies byte-exact, splitting long texts at the configured limit', async () => {
    const { h, connector } = setup({ qq: { messageLimit: 20 } });
    start(connector);
    await online(h);
    const text = 'a=b&c,d%;+ 你好😀\r\nend';
    expect(await connector.send('20003', { kind: 'text', text })).toMatchObject({ ok: true });
    const long = 'The quick brown fox jumps over the lazy dog, 然后 😀 again and again.';
    expect(await connector.send('20004', { kind: 'text', text: long })).toMatchObject({ ok: true });
    const sent = await sentTexts();
    expect(sent[0]).toMatchObject({ to: '20003', text });
    const parts = sent.slice(1).map((s) => s.text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(long);
    expect(await connector.send('20003', { kind: 'image', name: 'x.png', mime: 'image/png', bytes: new Uint8Array() })).toMatchObject({ ok: false });
  });

  it('shows an incoming friend request and approves it', async () => {
    const { h, connector } = setup();
    start(connector);
    await online(h);
    await control('friendRequest', { from: 30001, text: '我是Bob, add me & chat' });
    const contact = await h.waitFor(() => h.contacts.get('30001')?.request && h.contacts.get('30001'), 'friend request');
    expect(contact.request?.text).toBe('我是Bob, add me & chat');
    const result = await connector.command({ kind: 'answerFriendRequest', peerId: '30001', answer: 'approve' });
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining('approved') });
    expect(h.contacts.get('30001')?.request).toBeUndefined();
    const state = await control<{ listedBy: string[]; incoming: object }>('state');
    expect(state.listedBy).toContain('30001');
    expect(state.incoming).toEqual({});
  });

  it('answers RES=20 with exactly one re-login and loses no message', async () => {
    const { h, connector } = setup();
    start(connector);
    await online(h);
    await control('inject', { from: 20003, text: 'before' });
    await h.waitFor(() => h.messages.some((m) => m.text === 'before'), 'first message');
    await control('expire');
    await control('inject', { from: 20003, text: 'after, & during' });
    await h.waitFor(() => h.messages.some((m) => m.text === 'after, & during'), 'message after expiry');
    expect(await records('login')).toHaveLength(2);
    const codes = h.statuses.map((s) => s.code);
    expect(codes).toContain('qq:RES=20');
    expect(h.statuses.at(-1)?.status).toBe('online');
    expect(h.messages.map((m) => m.text)).toEqual(['before', 'after, & during']);
  });

  it('signs out after a second RES=20 right after re-login', async () => {
    const { h, connector } = setup();
    const run = start(connector);
    await online(h);
    await control('expire', { times: 2 });
    await run.done;
    expect(h.statuses.at(-1)).toMatchObject({ status: 'signedOut', code: 'qq:RES=20', reason: expect.stringContaining('RES=20') });
    expect(await records('login')).toHaveLength(2);
  });

  it('asks for the password when QQ refuses it, showing RA', async () => {
    const { h, connector } = setup({ password: 'wrong' });
    await start(connector).done;
    expect(h.statuses.at(-1)).toEqual({
      status: 'needsUser',
      reason: '密码错误 Password error',
      code: 'qq:RS=1',
      needs: { kind: 'password', message: '密码错误 Password error' },
    });
  });

  it('reports a poll the worker died in (its drained batch cannot come back), then clears the marker', async () => {
    const slots = new Map<string, unknown>([['pollInFlight', { startedAt: Date.UTC(2026, 10, 22, 2, 0) }]]);
    const { h, connector } = setup({ slots });
    start(connector);
    await online(h);
    expect(h.diagnostics.some((d) => d.level === 'warn' && d.what.includes('may be missing'))).toBe(true);
    await h.waitFor(() => !slots.has('pollInFlight') || undefined, 'marker cleared after a finished poll');
  });

  it('asks for the password when none is stored', async () => {
    const h = createHarness({ httpPort: sim.httpPort, uin: '10001' });
    await start(createQqConnectorWith(h.deps)).done;
    expect(h.statuses.at(-1)).toMatchObject({ status: 'needsUser', needs: { kind: 'password' } });
  });

  it('survives 5xx, empty, malformed and huge replies with diagnostics, then recovers', async () => {
    const { h, connector } = setup();
    start(connector);
    await online(h);
    for (const kind of ['5xx', 'empty', 'malformed', 'huge']) await control('fault', { kind, cmd: 'GetMsgEx' });
    await h.waitFor(() => (h.statuses.filter((s) => s.status === 'reconnecting').length >= 4 ? true : undefined), 'four failures');
    await control('inject', { from: 20003, text: 'still here' });
    await h.waitFor(() => h.messages.some((m) => m.text === 'still here'), 'recovery');
    const whats = h.diagnostics.map((d) => d.what);
    expect(whats).toEqual(
      expect.arrayContaining([expect.stringContaining('HTTP 503'), expect.stringContaining('empty reply'), expect.stringContaining('parallel lists'), expect.stringContaining('too large')]),
    );
    expect(h.diagnostics.find((d) => d.what.includes('parallel lists'))?.raw).toContain('MG=one,two,three,');
    expect(await records('login')).toHaveLength(1);
  });

  it('times out a slow reply and carries on', async () => {
    const { h, connector } = setup({ qq: { deadlineMs: 150 } });
    start(connector);
    await online(h);
    await control('fault', { kind: 'slow', cmd: 'GetMsgEx', delayMs: 1_000 });
    await h.waitFor(() => h.statuses.some((s) => s.code === 'qq:timeout'), 'timeout status');
    await control('inject', { from: 20003, text: 'after the slow one' });
    await h.waitFor(() => h.messages.some((m) => m.text === 'after the slow one'), 'recovery');
  });

  it('resumes the stored session after a restart without a new Login and never reuses a SEQ', async () => {
    const first = setup();
    const run = start(first.connector);
    await online(first.h);
    run.stop.abort();
    await run.done;
    const second = setup({ slots: first.h.slots });
    start(second.connector);
    await online(second.h);
    expect(second.h.statuses.find((s) => s.status === 'online')?.reason).toBe('Resumed the QQ session');
    await control('inject', { from: 20003, text: 'after restart' });
    await second.h.waitFor(() => second.h.messages.some((m) => m.text === 'after restart'), 'message after restart');
    expect(await records('login')).toHaveLength(1);
    expect(await records('seqReuse')).toHaveLength(0);
  });

  it('runs the friend commands: add (CD 0/1/3), remove, presence, profile, search', async () => {
    const { h, connector } = setup();
    start(connector);
    await online(h);
    await control('user', { uin: 30010, nick: 'Open', auth: 0 });
    await control('user', { uin: 30011, nick: 'Careful', auth: 1 });
    await control('user', { uin: 30013, nick: 'Closed', auth: 3 });
    expect(await connector.command({ kind: 'addFriend', peerId: '30010' })).toMatchObject({ ok: true, message: expect.stringContaining('now in your friend list') });
    expect(await connector.command({ kind: 'addFriend', peerId: '30011', text: 'hi' })).toMatchObject({ ok: true, message: expect.stringContaining('requires verification') });
    expect(await connector.command({ kind: 'addFriend', peerId: '30013' })).toMatchObject({ ok: false, error: expect.stringContaining('does not accept') });
    // The scripted peer accepts the verification request: MT 3 arrives.
    await h.waitFor(() => h.messages.some((m) => m.senderId === '30011' && m.kind === 'system'), 'accepted notice');
    expect(await connector.command({ kind: 'removeFriend', peerId: '20005' })).toMatchObject({ ok: true });
    expect(h.contacts.has('20005')).toBe(false);
    expect(await connector.command({ kind: 'setPresence', presence: 'busy' })).toMatchObject({ ok: true });
    expect((await control<{ status: number }>('state')).status).toBe(30);
    expect(await connector.command({ kind: 'setPresence', presence: 'away' })).toMatchObject({ ok: false });
    const profile = await connector.command({ kind: 'fetchProfile', peerId: '20002' });
    expect(profile).toMatchObject({ ok: true, contacts: [expect.objectContaining({ id: '20002', name: 'Friend 2', note: expect.stringContaining('About: Hello, I am Friend 2.\r\n网络为媒, 信息为本') })] });
    expect(h.contacts.get('20002')?.name).toBe('Friend 2');
    const search = await connector.command({ kind: 'searchUser', query: 'sex=female province=3' });
    expect(search.ok && search.contacts && search.contacts.length > 0).toBe(true);
    expect(await connector.command({ kind: 'searchUser', query: '20001' })).toMatchObject({ ok: true, contacts: [expect.objectContaining({ name: '小明 Xiaoming' })] });
    expect(await connector.command({ kind: 'markRead', peerId: '20002' })).toMatchObject({ ok: false });
  });

  it('signs out with Logout', async () => {
    const { h, connector } = setup();
    const run = start(connector);
    await online(h);
    await connector.signOut();
    await run.done;
    expect(h.statuses.at(-1)).toMatchObject({ status: 'signedOut', code: 'qq:logout' });
    expect((await control<{ online: boolean }>('state')).online).toBe(false);
  });
});

describe('QQ poll pace (fake clock: the sleeps are logged, not waited for)', () => {
  const MINUTE = 60_000;
  const activityAt = (h: Harness) => (h.slots.get('activity') as { at: number } | undefined)?.at;

  it('while quiet makes at most 3 requests a minute, GetMsgEx and Query_Stat together', async () => {
    const { h, connector } = setup();
    start(connector);
    await online(h);
    const from = h.clock.now;
    await h.waitFor(() => h.clock.now >= from + 20 * MINUTE, '20 quiet minutes');
    const inWindow = h.requests.filter((r) => r.at >= from && r.at < from + 20 * MINUTE);
    expect(inWindow.length / 20).toBeLessThanOrEqual(3);
    expect(inWindow.filter((r) => r.cmd === 'Query_Stat').length).toBeGreaterThan(0);
    expect(activityAt(h)).toBeUndefined();
  });

  it('polls fast for a few minutes after a message comes in, then slows down again', async () => {
    const { h, connector } = setup();
    start(connector);
    await online(h);
    await h.waitFor(() => h.sleeps.length > 0, 'a first quiet sleep');
    await control('inject', { from: 20003, text: 'are you there?' });
    await h.waitFor(() => h.messages.some((m) => m.text === 'are you there?'), 'the message');
    const at = await h.waitFor(() => activityAt(h), 'activity persisted');
    await h.waitFor(() => h.clock.now >= at + ACTIVE_WINDOW_MS + 2 * MINUTE, 'the active window and more');
    const before = h.sleeps.filter((s) => s.at < at);
    const active = h.sleeps.filter((s) => s.at >= at && s.at < at + ACTIVE_WINDOW_MS);
    const after = h.sleeps.filter((s) => s.at >= at + ACTIVE_WINDOW_MS);
    expect(new Set(before.map((s) => s.ms))).toEqual(new Set([24_000]));
    expect(active.length).toBeGreaterThan(0);
    expect(new Set(active.map((s) => s.ms))).toEqual(new Set([10_000]));
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after.map((s) => s.ms))).toEqual(new Set([24_000]));
  });

  it('a message sent while the loop sleeps the quiet interval wakes it: the answer is fetched at the fast pace', async () => {
    const { h, connector } = setup({ holdSleepsFrom: 24_000 });
    start(connector);
    await online(h);
    await h.waitFor(() => h.held.count === 1, 'a quiet sleep (held until something ends it)');
    await control('inject', { from: 20003, text: 'an answer while quiet' });
    expect(await connector.send('20003', { kind: 'text', text: 'hello' })).toMatchObject({ ok: true });
    // The held sleep never ends by itself: only the wake-up can have fetched this.
    await h.waitFor(() => h.messages.some((m) => m.text === 'an answer while quiet'), 'the answer after the wake-up');
    expect(h.held.count).toBe(0);
    expect(activityAt(h)).toBeDefined();
    await h.waitFor(() => h.sleeps.filter((s) => s.ms === 10_000).length >= 2, 'polling goes on at the fast pace');
  });

  it('after a restart keeps the fast pace of a live chat from storage, and the quiet pace of an old one', async () => {
    const live = setup({ slots: new Map<string, unknown>([['activity', { at: 1_700_000_000_000 - MINUTE }]]) });
    start(live.connector);
    await online(live.h);
    expect((await live.h.waitFor(() => live.h.sleeps[0], 'a sleep')).ms).toBe(10_000);

    const old = setup({ slots: new Map<string, unknown>([['activity', { at: 1_700_000_000_000 - 10 * MINUTE }]]) });
    start(old.connector);
    await online(old.h);
    expect((await old.h.waitFor(() => old.h.sleeps[0], 'a sleep')).ms).toBe(24_000);
  });

  it('QQ system notices do not count as a chat', async () => {
    const { h, connector } = setup();
    start(connector);
    await online(h);
    await control('inject', { from: 10000, text: '系统: 维护通知' });
    await h.waitFor(() => h.messages.some((m) => m.kind === 'system'), 'the notice');
    const seen = h.sleeps.length;
    await h.waitFor(() => h.sleeps.length >= seen + 2, 'a few more polls');
    expect(activityAt(h)).toBeUndefined();
    expect(new Set(h.sleeps.map((s) => s.ms))).toEqual(new Set([24_000]));
  });

  it('while a page of ours is open polls at the live pace, and goes quiet again when it closes', async () => {
    const { h, connector } = setup({ holdSleepsFrom: 24_000 });
    start(connector);
    await online(h);
    await h.waitFor(() => h.held.count === 1, 'a quiet sleep (held until something ends it)');
    connector.setWatched?.(true);
    await h.waitFor(() => h.sleeps.filter((s) => s.ms === 10_000).length >= 3, 'polling at the live pace while watched');
    expect(h.held.count).toBe(0);
    connector.setWatched?.(false);
    await h.waitFor(() => h.held.count === 1, 'quiet again once nobody watches');
    expect(activityAt(h)).toBeUndefined(); // looking is not a chat message: nothing persisted
  });
});
