import { describe, expect, it } from 'vitest';
import type { Connector } from '../connector.ts';
import { createWechatConnector } from './index.ts';
import { FakeWechat, HOLD, json, NETWORK_DOWN, OK, until, type Reply } from './fake-deps.ts';
import { bodyOf, msg, resumable, syncCheck, syncReply } from './fixtures.ts';
import { CHUNK_SIZE } from './upload.ts';
import type { WechatSession } from './session.ts';

/** A resumed, online connector whose synccheck holds until `release` (or the test stops it). */
async function online(fake = resumable(), check: Reply = HOLD): Promise<{ connector: Connector; fake: FakeWechat; stop: () => Promise<void> }> {
  fake.on('webwxsync', syncReply(78)).always('synccheck', check);
  const connector = createWechatConnector(fake.deps());
  const run = connector.start(fake.controller.signal);
  await until(() => fake.callsTo('synccheck').length > 0, 'the first synccheck');
  return {
    connector,
    fake,
    stop: async () => {
      fake.controller.abort();
      await run;
    },
  };
}

const sent = (id: string) => json({ ...OK, MsgID: id, LocalID: '1' });

describe('send text', () => {
  it('posts webwxsendmsg with the ClientMsgId/LocalID format and returns the MsgID', async () => {
    const { connector, fake, stop } = await online();
    fake.on('webwxsendmsg', sent('7615282929538795099'));
    const at = fake.clock;
    const result = await connector.send('@alice', { kind: 'text', text: 'hello\nworld 😀' });
    expect(result).toEqual({ ok: true, serverId: '7615282929538795099', at });
    const request = fake.callsTo('webwxsendmsg')[0];
    expect(new URL(request?.url ?? '').searchParams.get('pass_ticket')).toBe('stored-pt');
    const body = bodyOf(request?.body) as { Scene: number; Msg: Record<string, unknown> };
    expect(body.Scene).toBe(0);
    expect(body.Msg).toMatchObject({ Type: 1, Content: 'hello\nworld 😀', FromUserName: '@self', ToUserName: '@alice' });
    expect(body.Msg.ClientMsgId).toMatch(new RegExp(`^${at}\\d{4}$`));
    expect(body.Msg.LocalID).toBe(body.Msg.ClientMsgId);
    expect((fake.slots.get('session') as WechatSession).sent[0]).toMatchObject({ id: '7615282929538795099', to: '@alice' });
    await stop();
  });

  it('keeps a big numeric MsgID exact', async () => {
    const { connector, fake, stop } = await online();
    fake.on('webwxsendmsg', { ok: true, status: 200, headers: new Headers(), url: '', text: '{"BaseResponse":{"Ret":0,"ErrMsg":""},"MsgID":7615282929538795099,"LocalID":"1"}' });
    expect(await connector.send('@alice', { kind: 'text', text: 'x' })).toMatchObject({ ok: true, serverId: '7615282929538795099' });
    await stop();
  });

  it('spaces sends at least 1 s apart, one attempt each', async () => {
    const { connector, fake, stop } = await online();
    fake.on('webwxsendmsg', sent('1'), sent('2'), sent('3'));
    const [a, b] = await Promise.all([connector.send('@alice', { kind: 'text', text: 'a' }), connector.send('@alice', { kind: 'text', text: 'b' })]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const sendCalls = fake.timeline.flatMap((e, i) => (e === 'http:webwxsendmsg' ? [i] : []));
    const gap = fake.timeline.indexOf('sleep:1000');
    expect(gap).toBeGreaterThan(sendCalls[0] ?? Infinity);
    expect(gap).toBeLessThan(sendCalls[1] ?? -1);
    fake.clock += 5_000;
    const before = fake.sleeps.length;
    await connector.send('@alice', { kind: 'text', text: 'c' });
    expect(fake.sleeps.filter((ms) => ms === 1000).length).toBe(fake.sleeps.slice(0, before).filter((ms) => ms === 1000).length);
    expect(fake.callsTo('webwxsendmsg')).toHaveLength(3);
    await stop();
  });

  it('returns readable failures after exactly one attempt', async () => {
    const { connector, fake, stop } = await online();
    fake.on('webwxsendmsg', json({ BaseResponse: { Ret: 1205, ErrMsg: '' } }), NETWORK_DOWN, json({ BaseResponse: { Ret: 1101, ErrMsg: '' } }));
    expect(await connector.send('@alice', { kind: 'text', text: 'a' })).toEqual({ ok: false, error: expect.stringContaining('1205'), retryable: true });
    expect(fake.callsTo('webwxsendmsg')).toHaveLength(1);
    expect(await connector.send('@alice', { kind: 'text', text: 'b' })).toEqual({ ok: false, error: expect.stringContaining('network error'), retryable: true });
    expect(await connector.send('@alice', { kind: 'text', text: 'c' })).toEqual({ ok: false, error: expect.stringContaining('not signed in'), retryable: false });
    expect(fake.callsTo('webwxsendmsg')).toHaveLength(3);
    await stop();
  });

  it('refuses to send before the session is up', async () => {
    const fake = new FakeWechat();
    expect(await createWechatConnector(fake.deps()).send('@alice', { kind: 'text', text: 'a' })).toMatchObject({ ok: false, error: 'WeChat is not signed in' });
    expect(fake.calls).toHaveLength(0);
  });

  it('the echo of our send in the next sync is not delivered again', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fake = resumable().on('synccheck', async () => {
      await gate;
      return syncCheck(0, 2);
    });
    fake.on('webwxsync', syncReply(78), syncReply(79, [msg('900', { FromUserName: '@self', ToUserName: '@alice', Content: 'mine' }), msg('901')]));
    const { connector, stop } = await online(fake);
    fake.on('webwxsendmsg', sent('900'));
    await connector.send('@alice', { kind: 'text', text: 'mine' });
    release();
    await until(() => fake.batches.length > 0, 'the next sync');
    expect(fake.batches[0]?.map((m) => m.serverId)).toEqual(['901']);
    await stop();
  });
});

describe('send media', () => {
  it('uploads a 1.3 MB image in three 512 KiB chunks, then webwxsendmsgimg', async () => {
    const { connector, fake, stop } = await online();
    fake.on('webwxuploadmedia', json({ ...OK, MediaId: '' }), json({ ...OK, MediaId: '' }), json({ ...OK, MediaId: '@crypt_media', StartPos: 1_300_000 }));
    fake.on('webwxsendmsgimg', sent('8001'));
    const bytes = new Uint8Array(1_300_000).map((_, i) => i % 251);
    const result = await connector.send('@alice', { kind: 'image', name: 'photo.jpg', mime: 'image/jpeg', bytes });
    expect(result).toMatchObject({ ok: true, serverId: '8001' });

    const uploads = fake.callsTo('webwxuploadmedia');
    expect(uploads).toHaveLength(3);
    expect(new URL(uploads[0]?.url ?? '').host).toBe('file.wx2.qq.com');
    expect(new URL(uploads[0]?.url ?? '').searchParams.get('f')).toBe('json');
    const forms = uploads.map((u) => u.body as FormData);
    expect(forms.map((f) => [f.get('chunks'), f.get('chunk')])).toEqual([['3', '0'], ['3', '1'], ['3', '2']]);
    expect(forms.map((f) => (f.get('filename') as File).size)).toEqual([CHUNK_SIZE, CHUNK_SIZE, 1_300_000 - 2 * CHUNK_SIZE]);
    const first = forms[0];
    expect(first?.get('id')).toBe('WU_FILE_0');
    expect(first?.get('name')).toBe('photo.jpg');
    expect(first?.get('type')).toBe('image/jpeg');
    expect(first?.get('size')).toBe('1300000');
    expect(first?.get('mediatype')).toBe('pic');
    expect(first?.get('pass_ticket')).toBe('stored-pt');
    expect(first?.get('webwx_data_ticket')).toBe('ticket+/=1');
    expect((first?.get('filename') as File).name).toBe('photo.jpg');
    const request = JSON.parse(String(first?.get('uploadmediarequest'))) as Record<string, unknown>;
    expect(request).toMatchObject({ UploadType: 2, TotalLen: 1_300_000, StartPos: 0, DataLen: 1_300_000, MediaType: 4, FromUserName: '@self', ToUserName: '@alice' });
    expect(request.FileMd5).toMatch(/^[0-9a-f]{32}$/);
    // Same uploadmediarequest for every chunk.
    expect(new Set(forms.map((f) => f.get('uploadmediarequest'))).size).toBe(1);

    const send = bodyOf(fake.callsTo('webwxsendmsgimg')[0]?.body) as { Msg: Record<string, unknown> };
    expect(send.Msg).toMatchObject({ Type: 3, MediaId: '@crypt_media', Content: '', ToUserName: '@alice' });
    expect(new URL(fake.callsTo('webwxsendmsgimg')[0]?.url ?? '').searchParams.get('fun')).toBe('async');
    await stop();
  });

  it('a small file goes in one part without chunk fields, then webwxsendappmsg', async () => {
    const { connector, fake, stop } = await online();
    fake.on('webwxuploadmedia', json({ ...OK, MediaId: '@crypt_doc' })).on('webwxsendappmsg', sent('8002'));
    const result = await connector.send('@alice', { kind: 'file', name: 'a<b>.pdf', mime: 'application/pdf', bytes: new Uint8Array(10) });
    expect(result).toMatchObject({ ok: true, serverId: '8002' });
    const form = fake.callsTo('webwxuploadmedia')[0]?.body as FormData;
    expect(form.get('chunks')).toBeNull();
    expect(form.get('mediatype')).toBe('doc');
    const send = bodyOf(fake.callsTo('webwxsendappmsg')[0]?.body) as { Msg: Record<string, unknown> };
    expect(send.Msg.Type).toBe(6);
    expect(send.Msg.Content).toBe(
      "<appmsg appid='wxeb7ec651dd0aefa9' sdkver=''><title>a&lt;b&gt;.pdf</title><des></des><action></action><type>6</type><content></content><url></url><lowurl></lowurl><appattach><totallen>10</totallen><attachid>@crypt_doc</attachid><fileext>pdf</fileext></appattach><extinfo></extinfo></appmsg>",
    );
    await stop();
  });

  it('a failed chunk fails the send with a readable reason and no send call', async () => {
    const { connector, fake, stop } = await online();
    fake.on('webwxuploadmedia', json({ ...OK, MediaId: '' }), json({ BaseResponse: { Ret: 1205, ErrMsg: '' } }));
    const result = await connector.send('@alice', { kind: 'image', name: 'p.png', mime: 'image/png', bytes: new Uint8Array(600_000) });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/part 2 of 2.*1205/), retryable: true });
    expect(fake.callsTo('webwxsendmsgimg')).toHaveLength(0);
    await stop();
  });
});

describe('commands and sign-out', () => {
  it('revoke within 2 minutes with the original ClientMsgId; refused after', async () => {
    const { connector, fake, stop } = await online();
    fake.on('webwxsendmsg', sent('111'), sent('222')).on('webwxrevokemsg', json(OK));
    await connector.send('@alice', { kind: 'text', text: 'oops' });
    expect(await connector.command({ kind: 'revoke', serverId: '111', peerId: '@alice' })).toEqual({ ok: true });
    const original = (bodyOf(fake.callsTo('webwxsendmsg')[0]?.body) as { Msg: { ClientMsgId: string } }).Msg.ClientMsgId;
    expect(bodyOf(fake.callsTo('webwxrevokemsg')[0]?.body)).toMatchObject({ SvrMsgId: '111', ToUserName: '@alice', ClientMsgId: original });
    await connector.send('@alice', { kind: 'text', text: 'later' });
    fake.clock += 121_000;
    expect(await connector.command({ kind: 'revoke', serverId: '222', peerId: '@alice' })).toMatchObject({ ok: false, error: expect.stringContaining('2 minutes') });
    expect(fake.callsTo('webwxrevokemsg')).toHaveLength(1);
    await stop();
  });

  it('markRead sends statusnotify code 1; other commands are unsupported', async () => {
    const { connector, fake, stop } = await online();
    expect(await connector.command({ kind: 'markRead', peerId: '@alice' })).toEqual({ ok: true });
    const notify = fake.callsTo('webwxstatusnotify').map((c) => bodyOf(c.body)).at(-1);
    expect(notify).toMatchObject({ Code: 1, FromUserName: '@self', ToUserName: '@alice' });
    expect(await connector.command({ kind: 'setPresence', presence: 'away' })).toEqual({ ok: false, error: 'WeChat Web does not support this' });
    await stop();
  });

  it('signOut stops the loop, calls webwxlogout and clears the session', async () => {
    const { connector, fake } = await online();
    fake.on('webwxlogout', json(OK));
    await connector.signOut();
    const logout = new URL(fake.callsTo('webwxlogout')[0]?.url ?? '');
    expect(logout.host).toBe('wx2.qq.com');
    expect(logout.searchParams.get('skey')).toBe('@crypt_init');
    expect(fake.slots.has('session')).toBe(false);
    expect(fake.statuses.at(-1)).toMatchObject({ status: 'signedOut' });
    expect(await connector.send('@alice', { kind: 'text', text: 'x' })).toMatchObject({ ok: false });
  });
});
