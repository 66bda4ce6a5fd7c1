// The advice table (weibo-bayeux.md A.1 "Advice", D.2 rules 4-5) as data.
import { describe, expect, it } from 'vitest';
import type { BayeuxReply } from './bayeux-messages.ts';
import type { BayeuxState, Plan } from './bayeux-machine.ts';
import { CONNECT_HOLD_MS, LOGIN_RECHECK_MS, REDISCOVER_AFTER, connectHoldMs, initialState, resume, step } from './bayeux-machine.ts';
import { connectMessage } from './bayeux-requests.ts';

const endpoint = { server: 'http://13.79.web1.im.weibo.com/', channel: '/im/51sr84_1824450144', url: 'http://13.79.web1.im.weibo.com/im' };
const online: BayeuxState = initialState({ endpoint, clientId: 'c1', subscribed: true, ackEnabled: true, ack: 4 });
const HALF = 0.5;

const connectReply = (reply: Partial<BayeuxReply>, state = online): Plan =>
  step(state, { kind: 'replies', request: 'connect', id: 'x9', replies: [{ channel: '/meta/connect', id: 'x9', ...reply }] }, HALF);

describe('connect replies: the advice table', () => {
  const cases: { name: string; reply: Partial<BayeuxReply>; next: Plan['step']; delay: number; keepsClient: boolean; status?: string }[] = [
    { name: 'success, retry, interval 0', reply: { successful: true, advice: { reconnect: 'retry', interval: 0, timeout: 180000 } }, next: 'connect', delay: 0, keepsClient: true, status: 'online' },
    { name: 'success without advice keeps the last advice', reply: { successful: true }, next: 'connect', delay: 0, keepsClient: true, status: 'online' },
    { name: 'success, retry, interval honoured', reply: { successful: true, advice: { reconnect: 'retry', interval: 1500 } }, next: 'connect', delay: 1500, keepsClient: true, status: 'online' },
    { name: 'multiple-clients: 2 s polling', reply: { successful: true, advice: { reconnect: 'retry', interval: 2000, multipleClients: true } }, next: 'connect', delay: 2000, keepsClient: true, status: 'online' },
    { name: 'success, handshake advice', reply: { successful: true, advice: { reconnect: 'handshake', interval: 0 } }, next: 'handshake', delay: 0, keepsClient: false, status: 'reconnecting' },
    { name: 'success, none', reply: { successful: true, advice: { reconnect: 'none' } }, next: 'stop', delay: 0, keepsClient: false, status: 'stopped' },
    { name: '402::Unknown client + handshake (Weibo)', reply: { successful: false, error: '402::Unknown client', advice: { reconnect: 'handshake', interval: 0 } }, next: 'handshake', delay: 0, keepsClient: false, status: 'reconnecting' },
    { name: '401 unknown client without advice (faye)', reply: { successful: false, error: '401:c1:Unknown client' }, next: 'handshake', delay: 0, keepsClient: false, status: 'reconnecting' },
    { name: 'failure with none', reply: { successful: false, error: '403::Forbidden', advice: { reconnect: 'none' } }, next: 'stop', delay: 0, keepsClient: false, status: 'stopped' },
    { name: 'failure with retry: backoff, same session', reply: { successful: false, error: '500::oops', advice: { reconnect: 'retry', interval: 0 } }, next: 'connect', delay: 500, keepsClient: true, status: 'reconnecting' },
    { name: 'failure with retry and a longer interval', reply: { successful: false, error: '500::oops', advice: { reconnect: 'retry', interval: 3000 } }, next: 'connect', delay: 3000, keepsClient: true, status: 'reconnecting' },
  ];
  it.each(cases)('$name', ({ reply, next, delay, keepsClient, status }) => {
    const plan = connectReply(reply);
    expect(plan.step).toBe(next);
    expect(plan.delayMs).toBe(delay);
    expect(plan.state.clientId !== undefined).toBe(keepsClient);
    expect(plan.status?.status).toBe(status);
    if (!keepsClient) expect(plan.state.subscribed).toBe(false);
  });

  it('stores the ack batch of a successful reply and echoes it next time', () => {
    const plan = connectReply({ successful: true, ext: { ack: 5 } });
    expect(plan.state.ack).toBe(5);
    expect(connectMessage(plan.state, 'c1', 'x10')).toMatchObject({ ext: { ack: 5 }, advice: { timeout: CONNECT_HOLD_MS } });
  });

  it('asks for at most 25 s, and 0 right after a handshake', () => {
    expect(connectHoldMs(online)).toBeLessThanOrEqual(25_000);
    const handshook = step(initialState({ endpoint }), { kind: 'replies', request: 'handshake', id: 'h', replies: [{ channel: '/meta/handshake', id: 'h', successful: true, clientId: 'c2', ext: { ack: true } }] }, HALF);
    expect(handshook.step).toBe('connect');
    expect(connectMessage(handshook.state, 'c2', 'x')).toMatchObject({ advice: { timeout: 0 } });
    expect(connectMessage(handshook.state, 'c2', 'x')['ext']).toBeUndefined(); // nothing to echo yet
  });

  it('backs off on a second consecutive re-handshake (no handshake storm)', () => {
    const unknown: Partial<BayeuxReply> = { successful: false, error: '402::Unknown client', advice: { reconnect: 'handshake', interval: 0 } };
    const first = connectReply(unknown, { ...online, handshakes: 0 });
    expect(first.delayMs).toBe(0);
    const again = connectReply(unknown, { ...online, handshakes: 2 });
    expect(again.step).toBe('handshake');
    expect(again.delayMs).toBe(1000); // 0.5 * min(60 s, 1 s * 2^(2-1))
  });

  it('ignores a reply to another connect id', () => {
    const plan = step(online, { kind: 'replies', request: 'connect', id: 'mine', replies: [{ channel: '/meta/connect', id: 'old', successful: true }] }, HALF);
    expect(plan.status?.code).toBe('bayeux:no-reply');
    expect(plan.step).toBe('connect');
  });
});

describe('failures without advice', () => {
  it('back off exponentially with full jitter, capped at 60 s', () => {
    let state = online;
    const delays: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const plan = step(state, { kind: 'failed', request: 'connect', reason: 'HTTP 502', code: 'http:502' }, 0.999);
      delays.push(plan.delayMs);
      state = plan.state;
    }
    expect(delays).toEqual([999, 1998, 3996, 7992]);
    const late = step({ ...online, failures: 30 }, { kind: 'failed', request: 'connect', reason: 'x', code: 'x' }, 0.999);
    expect(late.delayMs).toBeLessThanOrEqual(60_000);
  });

  it(`re-run discovery after ${REDISCOVER_AFTER} consecutive failures`, () => {
    let plan: Plan = { state: online, step: 'connect', delayMs: 0 };
    for (let i = 0; i < REDISCOVER_AFTER; i += 1) plan = step(plan.state, { kind: 'failed', request: 'connect', reason: 'timeout', code: 'net:timeout' }, 0);
    expect(plan.step).toBe('discover');
    expect(plan.state.clientId).toBeUndefined();
    expect(plan.state.endpoint).toBeUndefined();
    expect(plan.status).toMatchObject({ status: 'reconnecting', code: 'net:timeout' });
  });

  it('a successful connect resets the failure count', () => {
    const plan = connectReply({ successful: true }, { ...online, failures: 3 });
    expect(plan.state.failures).toBe(0);
  });
});

describe('the way in', () => {
  it('resumes from persisted state: connect with the same clientId', () => {
    expect(resume(online)).toMatchObject({ step: 'connect', state: { clientId: 'c1', ack: 4 } });
    expect(resume(initialState({ endpoint })).step).toBe('handshake');
    expect(resume(initialState()).step).toBe('discover');
  });

  it('discovery -> handshake -> first connect -> subscribe -> online', () => {
    let plan = step(initialState(), { kind: 'discovered', endpoint }, HALF);
    expect(plan.step).toBe('handshake');
    plan = step(plan.state, { kind: 'replies', request: 'handshake', id: 'h', replies: [{ channel: '/meta/handshake', id: 'h', successful: true, clientId: 'c3', ext: { ack: true } }] }, HALF);
    expect(plan).toMatchObject({ step: 'connect', state: { clientId: 'c3', ackEnabled: true, firstConnect: true } });
    plan = step(plan.state, { kind: 'replies', request: 'connect', id: 'c', replies: [{ channel: '/meta/connect', id: 'c', successful: true, ext: { ack: 1 } }] }, HALF);
    expect(plan).toMatchObject({ step: 'subscribe', state: { ack: 1, firstConnect: false } });
    plan = step(plan.state, { kind: 'replies', request: 'subscribe', id: 's', replies: [{ channel: '/meta/subscribe', id: 's', successful: true }] }, HALF);
    expect(plan).toMatchObject({ step: 'connect', status: { status: 'online' }, state: { subscribed: true } });
  });

  it('not logged in on weibo.com: needsUser with the sign-in page, look again later', () => {
    const plan = step(initialState(), { kind: 'loginRequired', reason: 'auth faild!' }, HALF);
    expect(plan).toMatchObject({ step: 'discover', delayMs: LOGIN_RECHECK_MS, status: { status: 'needsUser', needs: { kind: 'signInOnSite', url: 'https://weibo.com/' } } });
  });

  it('handshake denied with none: stop and say why', () => {
    const plan = step(initialState({ endpoint }), { kind: 'replies', request: 'handshake', id: 'h', replies: [{ channel: '/meta/handshake', id: 'h', successful: false, error: '403::Handshake denied', advice: { reconnect: 'none' } }] }, HALF);
    expect(plan.step).toBe('stop');
    expect(plan.status?.reason).toContain('403::Handshake denied');
  });

  it('subscription to a channel that is not ours any more: discover again', () => {
    const state = { ...online, subscribed: false };
    const plan = step(state, { kind: 'replies', request: 'subscribe', id: 's', replies: [{ channel: '/meta/subscribe', id: 's', successful: false, error: '403:c1,/im/x:Subscription denied' }] }, HALF);
    expect(plan.step).toBe('discover');
  });
});
