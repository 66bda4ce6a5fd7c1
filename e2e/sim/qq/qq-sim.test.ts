// Self-tests of the QQ simulator over real HTTP with `Host: tqq.tencent.com:8000`, covering the
// A.10 vectors of qq-and-peers.md.
import { createHash } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSim } from '../server.ts';
import { qqModule } from './index.ts';
import { listOf, postQq, replyFields, simControl } from './test-client.ts';

const MD5 = createHash('md5').update('switchboard').digest('hex');
let sim: RunningSim;
let seq = 1000;

const post = (body: string) => postQq(sim.httpPort, body);
const cmd = async (name: string, params = '', uin = '10001') => {
  const reply = await post(`VER=1.1&CMD=${name}&SEQ=${++seq}&UIN=${uin}${params ? `&${params}` : ''}`);
  return { ...reply, fields: replyFields(reply.body) };
};
const login = (uin = '10001', md5 = MD5) => cmd('Login', `PS=${md5}&M5=1&LC=9326B87B234E7235`, uin);

beforeAll(async () => {
  sim = await startSimulator({ modules: [qqModule] });
});
afterAll(() => sim.close());
beforeEach(() => fetch(`${sim.controlUrl}/reset`, { method: 'POST' }));

describe('qq simulator', () => {
  it('logs in with HI/LI/COMP, echoes the envelope and ends the body with CRLF', async () => {
    const reply = await login();
    expect(reply.status).toBe(200);
    expect(reply.body.endsWith('\r\n')).toBe(true);
    expect(reply.body).toMatch(/^VER=1\.1&CMD=Login&SEQ=\d+&UIN=10001&RES=0&RS=0&HI=60&LI=300&COMP=/);
    expect(reply.fields.get('SEQ')).toBe(String(seq));
  });

  it('answers a wrong password with RS=1 and a reason, a bad VER with an empty body', async () => {
    const wrong = await login('10001', createHash('md5').update('nope').digest('hex'));
    expect(wrong.fields.get('RS')).toBe('1');
    expect(wrong.fields.get('RA')).toContain('Password error');
    const badVer = await post(`VER=9.9&CMD=Login&SEQ=1&UIN=10001&PS=${MD5}&M5=1`);
    expect(badVer).toEqual({ status: 200, body: '' });
    expect((await postQq(sim.httpPort, '', { method: 'GET' })).status).toBe(405);
  });

  it('form-decodes requests: lower-case keys, + as space, percent escapes', async () => {
    await login();
    await post(`ver=1.1&cmd=CLTMSG&seq=${++seq}&uin=10001&un=20002&mg=a+b%2C%26%25%0D%0A%E4%BD%A0`);
    const { sent } = await simControl<{ sent: { text: string }[] }>(sim.controlUrl, 'sent');
    expect(sent.map((s) => s.text)).toEqual(['a b,&%\r\n你']);
  });

  it('answers RES=20 before login and after expire', async () => {
    expect((await cmd('GetMsgEx')).fields.get('RES')).toBe('20');
    await login();
    expect((await cmd('GetMsgEx')).fields.get('RES')).toBe('0');
    await simControl(sim.controlUrl, 'expire', {});
    expect((await cmd('GetMsgEx')).fields.get('RES')).toBe('20');
    await login();
    expect((await cmd('GetMsgEx')).fields.get('RES')).toBe('0');
    await simControl(sim.controlUrl, 'expire', { times: 2 });
    expect((await cmd('GetMsgEx')).fields.get('RES')).toBe('20');
    await login();
    expect((await cmd('GetMsgEx')).fields.get('RES')).toBe('20');
    expect((await cmd('GetMsgEx')).fields.get('RES')).toBe('0');
  });

  it('pages 130 friends as 120 + 10 with trailing commas', async () => {
    await login();
    const first = await cmd('List', 'TN=160&UN=0');
    expect(first.fields.get('FN')).toBe('0');
    expect(first.fields.get('UN')?.endsWith(',')).toBe(true);
    const page1 = listOf(first.fields, 'UN');
    expect(page1).toHaveLength(120);
    const second = await cmd('List', `TN=160&UN=${page1[119]}`);
    expect(second.fields.get('FN')).toBe('1');
    const page2 = listOf(second.fields, 'UN');
    expect(page2).toHaveLength(10);
    expect(new Set([...page1, ...page2]).size).toBe(130);
  });

  it('lists online friends with parallel FC/ST/UN/NK and escapes nicknames', async () => {
    await login();
    const first = await cmd('Query_Stat', 'TN=50&UN=0');
    const uns = listOf(first.fields, 'UN');
    expect(uns).toHaveLength(50);
    for (const key of ['FC', 'ST', 'NK']) expect(listOf(first.fields, key)).toHaveLength(50);
    expect(first.fields.get('FN')).toBe('0');
    const second = await cmd('Query_Stat', `TN=50&UN=${uns[49]}`);
    expect(second.fields.get('FN')).toBe('1');
    expect(listOf(second.fields, 'UN')).toHaveLength(7);
    const nicks = listOf(first.fields, 'NK');
    expect(nicks).toContain('李,雷');
    expect(first.body).toContain('%2c');
  });

  it('drains GetMsgEx with escaped , & % and CJK, MT 99 notices and system messages', async () => {
    await login();
    expect((await cmd('GetMsgEx')).fields.get('MN')).toBe('0');
    await simControl(sim.controlUrl, 'inject', {
      messages: [
        { from: 20002, text: 'a,b & c 100% 你好' },
        { from: 10000, text: '系统通知' },
        { from: 20003, text: 'plain' },
      ],
    });
    await simControl(sim.controlUrl, 'presence', { uin: 20002, status: 'busy' });
    const reply = await cmd('GetMsgEx');
    expect(reply.fields.get('MN')).toBe('4');
    expect(reply.body).toContain('a%2cb %26 c 100%25 你好');
    expect(listOf(reply.fields, 'MT')).toEqual(['9', '9', '9', '99']);
    expect(listOf(reply.fields, 'UN')).toEqual(['20002', '10000', '20003', '20002']);
    expect(listOf(reply.fields, 'MG')).toEqual(['a,b & c 100% 你好', '系统通知', 'plain', '30']);
    expect((await cmd('GetMsgEx')).fields.get('MN')).toBe('0');
  });

  it('delivers friend requests as MT 2 and records the answer', async () => {
    await login();
    await simControl(sim.controlUrl, 'friendRequest', { from: 30001, text: 'hi, add me' });
    const reply = await cmd('GetMsgEx');
    expect(listOf(reply.fields, 'MT')).toEqual(['2']);
    expect(listOf(reply.fields, 'MG')).toEqual(['hi, add me']);
    await cmd('Ack_AddToList', 'UN=30001&CD=0&RS=');
    const state = await simControl<{ listedBy: string[]; incoming: object }>(sim.controlUrl, 'state', {});
    expect(state.listedBy).toContain('30001');
    expect(state.incoming).toEqual({});
  });

  it('answers AddToList with CD 0/1/3 and accepts a verification request', async () => {
    await login();
    await simControl(sim.controlUrl, 'user', { uin: 30010, auth: 0 });
    await simControl(sim.controlUrl, 'user', { uin: 30011, auth: 1 });
    await simControl(sim.controlUrl, 'user', { uin: 30013, auth: 3 });
    expect((await cmd('AddToList', 'UN=30010')).fields.get('CD')).toBe('0');
    expect((await cmd('AddToList', 'UN=30011')).fields.get('CD')).toBe('1');
    expect((await cmd('AddToList', 'UN=30013')).fields.get('CD')).toBe('3');
    await cmd('Ack_AddToList', 'UN=30011&CD=2&RS=please');
    const reply = await cmd('GetMsgEx');
    expect(listOf(reply.fields, 'MT')).toEqual(['3']);
    expect(listOf(reply.fields, 'UN')).toEqual(['30011']);
  });

  it('serves GetInfo levels and Finger', async () => {
    await login();
    const info = await cmd('GetInfo', 'LV=2&UN=20001');
    expect(info.fields.get('NK')).toBe('小明 Xiaoming');
    expect(info.fields.get('PR')).toContain('%2c');
    expect(info.fields.get('PR')).toContain('%0d%0a');
    expect(info.fields.has('BT')).toBe(false);
    expect((await cmd('GetInfo', 'LV=3&UN=20001')).fields.has('BT')).toBe(true);
    const finger = await cmd('Finger', 'AG=0&SX=1&PV=3');
    const uns = listOf(finger.fields, 'UN');
    expect(uns.length).toBeGreaterThan(0);
    expect(listOf(finger.fields, 'SX').every((s) => s === '1')).toBe(true);
    expect(listOf(finger.fields, 'NK')).toHaveLength(uns.length);
  });

  it('injects faults: 5xx, empty, malformed lists, huge, slow', async () => {
    await login();
    await simControl(sim.controlUrl, 'inject', { from: 20002, text: 'kept' });
    await simControl(sim.controlUrl, 'fault', { kind: '5xx', cmd: 'GetMsgEx' });
    expect((await cmd('GetMsgEx')).status).toBe(503);
    await simControl(sim.controlUrl, 'fault', { kind: 'empty' });
    expect((await cmd('GetMsgEx')).body).toBe('');
    await simControl(sim.controlUrl, 'fault', { kind: 'malformed', cmd: 'GETMSGEX' });
    const bad = await cmd('GetMsgEx');
    expect(listOf(bad.fields, 'MT')).toHaveLength(2);
    expect(listOf(bad.fields, 'UN')).toHaveLength(1);
    await simControl(sim.controlUrl, 'fault', { kind: 'huge' });
    expect((await cmd('GetMsgEx')).body.length).toBeGreaterThan(2_000_000);
    await simControl(sim.controlUrl, 'fault', { kind: 'slow', delayMs: 50 });
    const slow = await cmd('GetMsgEx');
    expect(listOf(slow.fields, 'MG')).toEqual(['kept']);
  });

  it('remembers the messages of a GetMsgEx answer its client walked away from (no ack: lost for good)', async () => {
    await login();
    await simControl(sim.controlUrl, 'inject', { from: 20002, text: 'never read' });
    await simControl(sim.controlUrl, 'fault', { kind: 'slow', delayMs: 200 });
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: sim.httpPort, path: '/', method: 'POST', headers: { host: 'tqq.tencent.com:8000', connection: 'close' } },
        (res) => {
          // Headers are here, the answer is not: the client goes away, as a stopped worker does.
          res.destroy();
          resolve();
        },
      );
      req.on('error', reject);
      req.end(`VER=1.1&CMD=GetMsgEx&SEQ=${++seq}&UIN=10001`);
    });
    await expect.poll(async () => (await simControl<{ texts: string[] }>(sim.controlUrl, 'lostInFlight')).texts).toEqual(['never read']);
    expect(listOf((await cmd('GetMsgEx')).fields, 'MG')).toEqual([]);
  });

  it('records every CLTMSG byte-exact, notices a reused SEQ, and supports more accounts', async () => {
    await simControl(sim.controlUrl, 'addAccount', { uin: 10002, password: '密码', friends: ['10001'] });
    const md5 = createHash('md5').update('密码', 'utf8').digest('hex');
    expect((await login('10002', md5)).fields.get('RS')).toBe('0');
    await login();
    const text = 'Ünïcödé ✓ 😀 a=b;c+d';
    await post(`VER=1.1&CMD=CLTMSG&SEQ=77&UIN=10002&UN=10001&MG=${encodeURIComponent(text).replace(/\+/g, '%2B')}`);
    await post(`VER=1.1&CMD=CLTMSG&SEQ=77&UIN=10002&UN=10001&MG=${encodeURIComponent(text)}`);
    const { sent } = await simControl<{ sent: { text: string; to: string }[] }>(sim.controlUrl, 'sent', { uin: '10002' });
    expect(sent).toEqual([expect.objectContaining({ text, to: '10001' })]);
    const reply = await cmd('GetMsgEx');
    expect(listOf(reply.fields, 'MG')).toEqual([text]);
    const records = (await (await fetch(`${sim.controlUrl}/records?service=qq&kind=seqReuse`)).json()) as unknown[];
    expect(records).toHaveLength(1);
  });
});

describe('qq simulator demo mode', () => {
  it('greets, and the scripted friend answers what it is sent', async () => {
    const demo = await startSimulator({ modules: [qqModule], demo: true });
    try {
      const send = (body: string) => postQq(demo.httpPort, body).then((r) => replyFields(r.body));
      await send(`VER=1.1&CMD=Login&SEQ=1&UIN=10001&PS=${MD5}&M5=1&LC=9326B87B234E7235`);
      const greeting = await send('VER=1.1&CMD=GetMsgEx&SEQ=2&UIN=10001');
      expect(listOf(greeting, 'UN')).toEqual(['10000', '20001']);
      await send('VER=1.1&CMD=CLTMSG&SEQ=3&UIN=10001&UN=20001&MG=ping');
      let answer: string[] = [];
      for (let seq = 4; answer.length === 0 && seq < 400; seq += 1) {
        answer = listOf(await send(`VER=1.1&CMD=GetMsgEx&SEQ=${seq}&UIN=10001`), 'MG');
        if (answer.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(answer).toEqual(['收到 (got it): ping']);
    } finally {
      await demo.close();
    }
  });
});
