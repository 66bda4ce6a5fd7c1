// The request layer and paging against canned replies: SEQ matching, the RES=20 policy, hard stops.
import { describe, expect, it } from 'vitest';
import type { HttpOutcome, HttpRequest } from '../../platform/http.ts';
import type { AccountSlot, ConnectorDeps, DiagnosticReport, StatusReport } from '../connector.ts';
import { QqClient } from './client.ts';
import { MAX_PAGES, fetchFriendUins } from './friends.ts';
import { SessionStore, type QqSessionState } from './session-store.ts';

type Fields = Map<string, string>;
type Script = (fields: Fields, envelope: string) => string | { status: number; text: string };

function fake(script: Script) {
  const requests: Fields[] = [];
  const diagnostics: DiagnosticReport[] = [];
  const statuses: StatusReport[] = [];
  const slots = new Map<string, unknown>([['credentials', { passwordMd5: 'bbbf56cdcb4c20fdbf6a982bc92cec8b' }]]);
  const http = async (request: HttpRequest): Promise<HttpOutcome> => {
    const fields = new Map(
      String(request.body)
        .split('&')
        .map((pair) => [pair.slice(0, pair.indexOf('=')), decodeURIComponent(pair.slice(pair.indexOf('=') + 1))] as [string, string]),
    );
    requests.push(fields);
    const envelope = `VER=1.1&CMD=${fields.get('CMD')}&SEQ=${fields.get('SEQ')}&UIN=${fields.get('UIN')}`;
    const out = script(fields, envelope);
    const { status, text } = typeof out === 'string' ? { status: 200, text: out } : out;
    return { ok: true, status, text, headers: new Headers(), url: request.url };
  };
  const deps = {
    http,
    now: () => 1_000,
    random: () => 0.5,
    events: { diagnostic: (d: DiagnosticReport) => diagnostics.push(d) },
    slot: <T>(name: string): AccountSlot<T> => ({
      get: async () => slots.get(name) as T | undefined,
      set: async (value: T) => void slots.set(name, value),
      clear: async () => void slots.delete(name),
    }),
  } as unknown as ConnectorDeps;
  const store = new SessionStore(deps.slot<QqSessionState>('session'), '10001', deps.random);
  const client = new QqClient(deps, store, '10001', (s) => statuses.push(s), { deadlineMs: 1000 });
  return { client, requests, diagnostics, statuses, slots };
}

const LOGIN_OK = (env: string) => `${env}&RES=0&RS=0&HI=60&LI=300\r\n`;

describe('QqClient', () => {
  it('sends VER, CMD, SEQ, UIN first, with increasing SEQs reserved in the session slot', async () => {
    const { client, requests, slots } = fake((_f, env) => `${env}&RES=0&MN=0\r\n`);
    await client.call('GetMsgEx');
    await client.call('GetMsgEx');
    expect([...requests[0]!.keys()]).toEqual(['VER', 'CMD', 'SEQ', 'UIN']);
    const [a, b] = requests.map((r) => Number(r.get('SEQ')));
    expect(b).toBe(a! + 1);
    expect((slots.get('session') as QqSessionState).seqReserved).toBeGreaterThan(b!);
  });

  it('refuses a reply whose SEQ, UIN or CMD is not ours, and an empty body', async () => {
    for (const body of ['VER=1.1&CMD=GetMsgEx&SEQ=1&UIN=10001&RES=0', 'VER=1.1&CMD=GetMsgEx&UIN=99999&RES=0', 'CMD=List&RES=0', '']) {
      const { client, diagnostics } = fake(() => body);
      const outcome = await client.call('GetMsgEx');
      expect(outcome).toMatchObject({ kind: 'failed', code: 'qq:protocol' });
      expect(diagnostics[0]?.raw).toBe(body);
    }
  });

  it('maps HTTP errors and RES other than 0/20', async () => {
    expect(await fake(() => ({ status: 502, text: 'bad gateway' })).client.call('List')).toMatchObject({ kind: 'failed', code: 'qq:http-502' });
    expect(await fake((_f, env) => `${env}&RES=5`).client.call('List')).toMatchObject({ kind: 'refused', res: 5 });
  });

  it('answers RES=20 with one Login and one retry', async () => {
    let expired = true;
    const { client, requests, statuses } = fake((f, env) => {
      if (f.get('CMD') === 'Login') return LOGIN_OK(env);
      if (expired) {
        expired = false;
        return `${env}&RES=20`;
      }
      return `${env}&RES=0&MN=0`;
    });
    expect(await client.call('GetMsgEx')).toMatchObject({ kind: 'ok' });
    expect(requests.map((r) => r.get('CMD'))).toEqual(['GetMsgEx', 'Login', 'GetMsgEx']);
    expect(requests[1]?.get('PS')).toBe('bbbf56cdcb4c20fdbf6a982bc92cec8b');
    expect(requests[1]?.get('M5')).toBe('1');
    expect(statuses.map((s) => s.status)).toEqual(['reconnecting', 'online']);
  });

  it('gives up after RES=20 twice, and reports a failed re-login', async () => {
    const twice = fake((f, env) => (f.get('CMD') === 'Login' ? LOGIN_OK(env) : `${env}&RES=20`));
    expect(await twice.client.call('CLTMSG')).toMatchObject({ kind: 'sessionLost', code: 'qq:RES=20' });
    expect(twice.requests.map((r) => r.get('CMD'))).toEqual(['CLTMSG', 'Login', 'CLTMSG']);
    const refused = fake((f, env) => (f.get('CMD') === 'Login' ? `${env}&RES=0&RS=1&RA=bad%20pw` : `${env}&RES=20`));
    expect(await refused.client.call('CLTMSG')).toEqual({ kind: 'loginFailed', login: { kind: 'wrongPassword', message: 'bad pw', code: 'qq:RS=1' } });
  });

  it('parses login HI/LI with defaults and reports other RS values as blocked', async () => {
    expect(await fake((_f, env) => `${env}&RES=0&RS=0`).client.login()).toEqual({ kind: 'ok', hi: 60, li: 300 });
    expect(await fake((_f, env) => `${env}&RES=0&RS=0&HI=20&LI=x`).client.login()).toEqual({ kind: 'ok', hi: 20, li: 300 });
    expect(await fake((_f, env) => `${env}&RES=0&RS=2&RA=need verify`).client.login()).toMatchObject({ kind: 'blocked', message: 'need verify' });
    expect(await fake((_f, env) => `${env}&RES=0`).client.login()).toMatchObject({ kind: 'failed', code: 'qq:protocol' });
  });

  it('serialises concurrent calls through one queue', async () => {
    let inFlight = 0;
    let most = 0;
    const { client } = fake((_f, env) => `${env}&RES=0`);
    const original = (client as unknown as { exchange: (...a: unknown[]) => Promise<unknown> }).exchange.bind(client);
    (client as unknown as { exchange: (...a: unknown[]) => Promise<unknown> }).exchange = async (...args) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      const out = await original(...args);
      inFlight -= 1;
      return out;
    };
    await Promise.all([client.call('A'), client.call('B'), client.call('C')]);
    expect(most).toBe(1);
  });
});

describe('friend list paging', () => {
  it('stops when the server ignores the cursor (repeated page)', async () => {
    const { client, requests } = fake((_f, env) => `${env}&RES=0&FN=0&SN=2&UN=20001,20002,`);
    expect(await fetchFriendUins(client)).toEqual({ ok: true, items: [{ uin: '20001' }, { uin: '20002' }], requests: 2 });
    expect(requests.map((r) => r.get('UN'))).toEqual(['0', '20002']);
  });

  it('stops at the hard page limit when FN never ends', async () => {
    const { client, requests } = fake((f, env) => `${env}&RES=0&FN=0&UN=${Math.max(20000, Number(f.get('UN'))) + 1},`);
    const result = await fetchFriendUins(client);
    expect(requests).toHaveLength(MAX_PAGES);
    expect(result.ok && result.items).toHaveLength(MAX_PAGES);
    expect(result.ok && result.requests).toBe(MAX_PAGES);
  });

  it('asks once more without FN and stops on an empty page', async () => {
    const { client, requests } = fake((f, env) => (f.get('UN') === '0' ? `${env}&RES=0&UN=20001,` : `${env}&RES=0&UN=`));
    expect(await fetchFriendUins(client)).toEqual({ ok: true, items: [{ uin: '20001' }], requests: 2 });
    expect(requests).toHaveLength(2);
  });

  it('refuses a page with something that is not a QQ number', async () => {
    const { client, diagnostics } = fake((_f, env) => `${env}&RES=0&FN=1&UN=20001,<script>,`);
    expect(await fetchFriendUins(client)).toMatchObject({ ok: false, failure: { code: 'qq:protocol' } });
    expect(diagnostics).toHaveLength(1);
  });
});
