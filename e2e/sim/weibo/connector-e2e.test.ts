// The extension's Weibo connector, end to end in Node against the simulator: discovery, handshake,
// roster, inbound DMs in both shapes, send, read sync, faults, restart and worker death.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lastStatus, startConnector } from './connector-harness.ts';
import type { HarnessOptions, RunningConnector } from './connector-harness.ts';
import { createNodeHttp } from './node-http.ts';
import type { NodeHttp } from './node-http.ts';
import { startWeiboHarness, waitFor } from './test-support.ts';
import type { WeiboHarness } from './test-support.ts';

const UID = '1824450144';
const FRIEND = '2000000002';

interface SimState {
  clients: { clientId: string; uid: string; subscriptions: string[]; ack: { lastEcho: number | null } | null }[];
  users: { uid: string; channel: string }[];
}

let h: WeiboHarness;
let http: NodeHttp;
let running: RunningConnector[] = [];

beforeAll(async () => {
  h = await startWeiboHarness({ timeoutSeconds: 30 });
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await fetch(`${h.sim.controlUrl}/reset`, { method: 'POST' });
  http = createNodeHttp(h.sim);
});
afterEach(async () => {
  for (const connector of running) await connector.stop();
  running = [];
});

async function signIn(): Promise<void> {
  const outcome = await http.request({ url: `https://weibo.com/login?uid=${UID}&nick=${encodeURIComponent('小明')}`, deadlineMs: 5000 });
  expect(outcome.ok).toBe(true);
}

function start(store = new Map<string, unknown>(), options: HarnessOptions = {}): RunningConnector {
  const connector = startConnector(http, UID, store, undefined, options);
  running.push(connector);
  return connector;
}

const state = () => h.control<SimState>('state');

/** The connector's client is subscribed (and so receives pushes); returns its clientId. */
const subscribedClient = (except?: string) =>
  waitFor(async () => {
    const s = await state();
    const channel = s.users.find((u) => u.uid === UID)?.channel;
    return s.clients.find((c) => c.uid === UID && c.clientId !== except && channel && c.subscriptions.includes(channel))?.clientId;
  }, 'a subscribed client');

const online = (c: RunningConnector) => waitFor(() => lastStatus(c.recorded)?.status === 'online' || undefined, 'status online');
const messageWith = (c: RunningConnector, text: string) => waitFor(() => c.recorded.messages.find((m) => m.text === text), `message "${text}"`);

describe('Weibo connector against the simulator', () => {
  it('asks the user to sign in on weibo.com when there is no login cookie', async () => {
    const c = start();
    await waitFor(() => lastStatus(c.recorded)?.status === 'needsUser' || undefined, 'needsUser');
    expect(lastStatus(c.recorded)).toMatchObject({ needs: { kind: 'signInOnSite', url: 'https://weibo.com/' } });
    expect(c.recorded.statuses[0]).toMatchObject({ status: 'signingIn' });
  });

  it('comes online, reads the roster, receives DMs in both shapes, sends with a dmid', async () => {
    await signIn();
    await h.control('setRoster', { contacts: [{ uid: FRIEND, nick: '张三', online: true }, { uid: '2000000003', nick: '李四', online: false }] });
    const c = start();
    await online(c);
    await subscribedClient();
    await waitFor(() => c.recorded.contacts.get(FRIEND), 'roster contact');
    expect(c.recorded.contacts.get(FRIEND)).toMatchObject({ name: '张三', kind: 'user', presence: 'online' });
    expect(c.recorded.contacts.get('2000000003')).toMatchObject({ presence: 'offline' });
    expect(c.recorded.self).toEqual([{ id: UID, label: '测试账号' }]);
    expect(http.hostHeaders.get('nas.im.api.weibo.com')).toEqual({ Referer: `https://weibo.com/u/${UID}` });

    const injected = await h.control<{ dmid: string }>('inject', { from: FRIEND, text: '你好，在吗？' });
    const dm = await messageWith(c, '你好，在吗？');
    expect(dm).toMatchObject({ serverId: injected.dmid, direction: 'in', senderId: FRIEND, peerId: FRIEND, senderName: '张三', kind: 'text' });
    await h.control('inject', { from: '2000000003', text: '2013 style', shape: '2013' });
    await messageWith(c, '2013 style');

    const result = await c.connector.send(FRIEND, { kind: 'text', text: '在的！' });
    const { sent } = await h.control<{ sent: { to: string; text: string; dmid: string }[] }>('sent');
    expect(sent).toEqual([expect.objectContaining({ to: FRIEND, text: '在的！' })]);
    expect(result).toEqual({ ok: true, serverId: sent[0]?.dmid, at: expect.any(Number) });
  });

  it('syncs reads both ways and records messages sent from another client', async () => {
    await signIn();
    const c = start();
    await online(c);
    await subscribedClient();
    expect(await c.connector.command({ kind: 'markRead', peerId: FRIEND })).toEqual({ ok: true });
    await h.control('readElsewhere', { peer: FRIEND });
    await waitFor(() => c.recorded.readElsewhere.includes(FRIEND) || undefined, 'readElsewhere');
    await h.control('sentElsewhere', { to: FRIEND, text: '手机上发的' });
    expect(await messageWith(c, '手机上发的')).toMatchObject({ direction: 'out', peerId: FRIEND, senderId: UID });
  });

  it('refuses a DM too long for a GET, clearly, without sending anything', async () => {
    await signIn();
    const c = start();
    await online(c);
    const result = await c.connector.send(FRIEND, { kind: 'text', text: '长'.repeat(800) });
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('too long') });
    expect((await h.control<{ sent: unknown[] }>('sent')).sent).toEqual([]);
  });

  it('after a server restart re-handshakes, re-subscribes, and later DMs still arrive', async () => {
    await signIn();
    const c = start();
    await online(c);
    const before = await subscribedClient();
    await h.control('restart');
    const after = await subscribedClient(before);
    expect(after).not.toBe(before);
    expect(c.recorded.statuses.some((s) => s.status === 'reconnecting' && s.code === 'bayeux:402')).toBe(true);
    await h.control('inject', { from: FRIEND, text: 'after restart' });
    await messageWith(c, 'after restart');
    expect(lastStatus(c.recorded)?.status).toBe('online');
  });

  it('survives hostile bodies and 5xx: visible status, raw body logged, loop keeps running', async () => {
    await signIn();
    const c = start();
    await online(c);
    await subscribedClient();
    // Faults hit the NEXT connect; a push releases the one being held now.
    await h.control('fault', { kind: 'hostile', target: 'connect' });
    await h.control('inject', { from: FRIEND, text: 'release 1' });
    await waitFor(() => c.recorded.diagnostics.find((d) => d.raw?.endsWith('(alert(1))')), 'hostile body logged');
    expect(c.recorded.statuses.some((s) => s.status === 'reconnecting' && s.code === 'jsonp:json')).toBe(true);
    await h.control('fault', { kind: 'http502', target: 'connect' });
    await h.control('inject', { from: FRIEND, text: 'release 2' });
    await waitFor(() => c.recorded.statuses.find((s) => s.code === 'http:502'), '502 status');
    expect(c.recorded.diagnostics.some((d) => d.raw?.includes('502 Bad Gateway'))).toBe(true);
    await h.control('wrapper', { style: 'faye' });
    await h.control('inject', { from: FRIEND, text: 'still here' });
    await messageWith(c, 'still here');
    await online(c);
  });

  it('shows the multiple-clients demotion and keeps receiving', async () => {
    await signIn();
    const c = start();
    await online(c);
    await subscribedClient();
    await h.control('multipleClients', { on: true });
    await h.control('inject', { from: FRIEND, text: 'release' });
    await waitFor(() => c.recorded.statuses.find((s) => s.code === 'bayeux:multiple-clients'), 'multiple-clients status');
    await h.control('inject', { from: FRIEND, text: 'polling' });
    await messageWith(c, 'polling');
  });

  it('resumes with the same clientId after the worker dies, and gets what arrived meanwhile', async () => {
    await signIn();
    const store = new Map<string, unknown>();
    const first = start(store);
    await online(first);
    const clientId = await subscribedClient();
    await first.stop(); // killed with a connect held
    running = running.filter((r) => r !== first);
    await h.control('inject', { from: FRIEND, text: 'while the worker was dead' });
    const second = start(store);
    await messageWith(second, 'while the worker was dead');
    const s = await state();
    expect(s.clients.map((client) => client.clientId)).toEqual([clientId]);
    const handshakes = await (await fetch(`${h.sim.controlUrl}/records?service=weibo&kind=handshake`)).json() as unknown[];
    expect(handshakes).toHaveLength(1);
  });

  it('re-handshakes when the resumed clientId is unknown (server restarted while the worker was dead)', async () => {
    await signIn();
    const store = new Map<string, unknown>();
    const first = start(store);
    await online(first);
    const old = await subscribedClient();
    await first.stop();
    running = running.filter((r) => r !== first);
    await h.control('restart');
    const second = start(store);
    const fresh = await subscribedClient(old);
    expect(fresh).not.toBe(old);
    expect(second.recorded.statuses.some((st) => st.code === 'bayeux:402')).toBe(true);
    await h.control('inject', { from: FRIEND, text: 'new session works' });
    await messageWith(second, 'new session works');
  });

  it('does not acknowledge a batch the inbox failed to store: the DM comes again (invariant 1)', async () => {
    await signIn();
    const c = start(new Map(), { failStores: 1 });
    await online(c);
    await subscribedClient();
    await h.control('inject', { from: FRIEND, text: 'must not be lost' });
    await messageWith(c, 'must not be lost');
    expect(c.recorded.statuses.some((st) => st.code === 'inbox:store')).toBe(true);
    expect(c.recorded.diagnostics.some((d) => d.level === 'error' && d.what.includes('could not store'))).toBe(true);
  });
});
