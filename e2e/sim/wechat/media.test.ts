import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LoggedIn, type SimClient, type TestSim, login, multipart, startWechatSim } from './test-client.ts';

let now = 1_700_000_000_000;
let t: TestSim;
beforeAll(async () => {
  t = await startWechatSim({ clock: { now: () => now } });
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await fetch(`${t.sim.controlUrl}/reset`, { method: 'POST' });
});

const CGI = '/cgi-bin/mmwebwx-bin';
const CHUNK = 524_288;
type Json = Record<string, unknown> & { BaseResponse: { Ret: number } };

function upload(client: SimClient, s: LoggedIn, data: Buffer, name: string, type: string, chunks: number | undefined, extra: Record<string, string> = {}): Promise<Json[]> {
  const request = JSON.stringify({ UploadType: 2, BaseRequest: s.baseRequest, ClientMediaId: 1520935168955, TotalLen: data.length, StartPos: 0, DataLen: data.length, MediaType: 4, FromUserName: s.self, ToUserName: 'filehelper', FileMd5: createHash('md5').update(data).digest('hex') });
  const base = { id: 'WU_FILE_0', name, type, lastModifiedDate: 'Tue Jul 14 2009 13:32:31 GMT+0800', size: String(data.length), mediatype: type.startsWith('image/') ? 'pic' : 'doc', uploadmediarequest: request, webwx_data_ticket: client.cookie('webwx_data_ticket') ?? '', pass_ticket: s.passTicket, ...extra };
  const parts = chunks === undefined ? [data] : Array.from({ length: chunks }, (_, i) => data.subarray(i * CHUNK, (i + 1) * CHUNK));
  return parts.reduce<Promise<Json[]>>(async (done, part, i) => {
    const answers = await done;
    const fields = chunks === undefined ? base : { ...base, chunks: String(chunks), chunk: String(i) };
    const form = multipart(fields, { name, type, data: part });
    const res = await client.request('POST', `https://file.${s.host}${CGI}/webwxuploadmedia?f=json`, { headers: { 'content-type': form.contentType }, body: form.body });
    return [...answers, JSON.parse(res.text) as Json];
  }, Promise.resolve([]));
}

async function send(client: SimClient, s: LoggedIn, path: string, msg: Record<string, unknown>): Promise<Json & { MsgID: string }> {
  const res = await client.postJson(`https://${s.host}${CGI}/${path}?fun=async&f=json&pass_ticket=${s.passTicket}`, { BaseRequest: s.baseRequest, Scene: 0, Msg: { FromUserName: s.self, ToUserName: 'filehelper', LocalID: '1', ClientMsgId: '1', ...msg } });
  return JSON.parse(res.text) as Json & { MsgID: string };
}

async function sync(client: SimClient, s: LoggedIn): Promise<Array<Record<string, unknown>>> {
  const res = await client.postJson(`https://${s.host}${CGI}/webwxsync?sid=${encodeURIComponent(s.sid)}&skey=${s.skey}&pass_ticket=${s.passTicket}`, { BaseRequest: s.baseRequest, SyncKey: s.syncKey });
  const body = JSON.parse(res.text) as { AddMsgList: Array<Record<string, unknown>>; SyncKey: LoggedIn['syncKey'] };
  s.syncKey = body.SyncKey;
  return body.AddMsgList;
}

describe('media', () => {
  it('records every 512 KiB chunk, answers MediaId on the last, then sends and serves the image', async () => {
    const client = t.client();
    const s = await login(t, client);
    await sync(client, s);
    const data = Buffer.alloc(1_200_000, 7);
    const answers = await upload(client, s, data, 'photo.jpg', 'image/jpeg', 3);
    expect(answers.map((a) => a['MediaId'] !== '')).toEqual([false, false, true]);
    expect(answers.map((a) => a['StartPos'])).toEqual([CHUNK, 2 * CHUNK, data.length]);
    const mediaId = String(answers[2]?.['MediaId']);
    const chunks = (await t.control<{ chunks: Array<Record<string, unknown>> }>('sent')).chunks;
    expect(chunks.map((c) => [c['chunk'], c['chunks'], c['bytes'], c['size'], c['mediaType'], c['mediatype']])).toEqual([
      [0, 3, CHUNK, data.length, 4, 'pic'],
      [1, 3, CHUNK, data.length, 4, 'pic'],
      [2, 3, data.length - 2 * CHUNK, data.length, 4, 'pic'],
    ]);
    const recorded = (await (await fetch(`${t.sim.controlUrl}/records?service=wechat&kind=chunk`)).json()) as unknown[];
    expect(recorded).toHaveLength(3);

    const sent = await send(client, s, 'webwxsendmsgimg', { Type: 3, MediaId: mediaId, Content: '' });
    expect(sent.BaseResponse.Ret).toBe(0);
    const messages = (await t.control<{ messages: Array<Record<string, unknown>> }>('sent')).messages;
    expect(messages).toEqual([expect.objectContaining({ endpoint: 'webwxsendmsgimg', msgType: 3, mediaId, msgId: sent.MsgID })]);
    const echo = (await sync(client, s))[0];
    expect(echo).toMatchObject({ MsgType: 3, MsgId: sent.MsgID, FromUserName: s.self });
    const image = await client.get(`https://${s.host}${CGI}/webwxgetmsgimg?MsgID=${sent.MsgID}&skey=${encodeURIComponent(s.skey)}&type=big`);
    expect(image.buffer.equals(data)).toBe(true);

    const known = await client.postJson(`https://${s.host}${CGI}/webwxcheckupload`, { BaseRequest: s.baseRequest, FileMd5: createHash('md5').update(data).digest('hex'), FileName: 'photo.jpg', FileSize: data.length, FileType: 7, FromUserName: s.self, ToUserName: 'filehelper' });
    expect((JSON.parse(known.text) as Json)['MediaId']).toBe(mediaId);
  });

  it('fails a single part above 512 KiB with an empty MediaId, and checks webwx_data_ticket', async () => {
    const client = t.client();
    const s = await login(t, client);
    const [big] = await upload(client, s, Buffer.alloc(CHUNK + 1), 'big.bin', 'application/octet-stream', undefined);
    expect(big).toMatchObject({ BaseResponse: { Ret: 0 }, MediaId: '' });
    const [wrong] = await upload(client, s, Buffer.alloc(10), 'a.txt', 'text/plain', undefined, { webwx_data_ticket: 'nope' });
    expect(wrong?.BaseResponse.Ret).toBe(1);
    // A missing copy is tolerated unless requireDataTicketField is on (the real rule is unknown).
    const [missing] = await upload(client, s, Buffer.alloc(10), 'b.txt', 'text/plain', undefined, { webwx_data_ticket: '' });
    expect(missing?.['MediaId']).toMatch(/^@crypt_/);
    expect((await t.control<{ chunks: Array<{ dataTicket: string }> }>('sent')).chunks.at(-1)?.dataTicket).toBe('missing');
    await t.control('configure', { requireDataTicketField: true });
    const [strict] = await upload(client, s, Buffer.alloc(10), 'c.txt', 'text/plain', undefined, { webwx_data_ticket: '' });
    expect(strict?.BaseResponse.Ret).toBe(1);
  });

  it('sends a file as an app message and echoes it as AppMsgType 6', async () => {
    const client = t.client();
    const s = await login(t, client);
    await sync(client, s);
    const [answer] = await upload(client, s, Buffer.from('hello file'), 'notes.txt', 'text/plain', undefined);
    const mediaId = String(answer?.['MediaId']);
    const content = `<appmsg appid='wxeb7ec651dd0aefa9' sdkver=''><title>notes.txt</title><des></des><action></action><type>6</type><content></content><url></url><lowurl></lowurl><appattach><totallen>10</totallen><attachid>${mediaId}</attachid><fileext>txt</fileext></appattach><extinfo></extinfo></appmsg>`;
    expect((await send(client, s, 'webwxsendappmsg', { Type: 6, Content: content })).BaseResponse.Ret).toBe(0);
    const [echo] = await sync(client, s);
    expect(echo).toMatchObject({ MsgType: 49, AppMsgType: 6, FileName: 'notes.txt', FileSize: '10', MediaId: mediaId });
    const file = await client.get(`https://file.${s.host}${CGI}/webwxgetmedia?sender=${s.self}&mediaid=${encodeURIComponent(mediaId)}&filename=notes.txt&fromuser=${s.uin}&pass_ticket=undefined&webwx_data_ticket=${encodeURIComponent(client.cookie('webwx_data_ticket') ?? '')}`);
    expect(file.text).toBe('hello file');
  });

  it('serves received media: images, voice, video (Range required), files and avatars', async () => {
    const client = t.client();
    const s = await login(t, client);
    const image = await t.control<{ msgId: string }>('inject', { type: 'image', from: 'wxid_xiaoming' });
    const voice = await t.control<{ msgId: string }>('inject', { type: 'voice', from: 'wxid_xiaoming' });
    const video = await t.control<{ msgId: string }>('inject', { type: 'video', from: 'wxid_xiaoming' });
    await t.control('inject', { type: 'file', from: 'wxid_xiaoming', fileName: 'r.pdf', fileSize: 3000 });
    const base = `https://${s.host}${CGI}`;
    const skey = encodeURIComponent(s.skey);
    const img = await client.get(`${base}/webwxgetmsgimg?MsgID=${image.msgId}&skey=${skey}&type=slave`);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.buffer.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect((await client.get(`${base}/webwxgetvoice?msgid=${voice.msgId}&skey=${skey}`)).headers['content-type']).toBe('audio/mpeg');
    expect((await client.get(`${base}/webwxgetvideo?msgid=${video.msgId}&skey=${skey}`)).buffer.length).toBe(0);
    const ranged = await client.get(`${base}/webwxgetvideo?msgid=${video.msgId}&skey=${skey}`, { range: 'bytes=0-' });
    expect(ranged.status).toBe(206);
    expect(ranged.buffer.subarray(4, 8).toString()).toBe('ftyp');
    const file = (await sync(client, s)).find((m) => m['AppMsgType'] === 6) as Record<string, unknown>;
    const got = await client.get(`https://file.${s.host}${CGI}/webwxgetmedia?sender=${String(file['FromUserName'])}&mediaid=${encodeURIComponent(String(file['MediaId']))}&filename=r.pdf&fromuser=${s.uin}&pass_ticket=${s.passTicket}&webwx_data_ticket=${encodeURIComponent(client.cookie('webwx_data_ticket') ?? '')}`);
    expect(got.buffer.length).toBe(3000);
    const icon = await client.get(`${base}/webwxgeticon?seq=1&username=${String(file['FromUserName'])}&skey=${skey}`);
    expect(icon.buffer.subarray(0, 2).toString('hex')).toBe('ffd8');
    const anonymous = await t.client().get(`${base}/webwxgeticon?seq=1&username=filehelper&skey=${skey}`);
    expect((JSON.parse(anonymous.text) as Json).BaseResponse.Ret).toBe(1102);
  });

  it('revokes our own message within the window, echoing a 10002', async () => {
    const client = t.client();
    const s = await login(t, client);
    await sync(client, s);
    const sent = await send(client, s, 'webwxsendmsg', { Type: 1, Content: 'oops' });
    const revoke = (svr: string) => client.postJson(`https://${s.host}${CGI}/webwxrevokemsg`, { BaseRequest: s.baseRequest, SvrMsgId: svr, ToUserName: 'filehelper', ClientMsgId: '2' }).then((r) => (JSON.parse(r.text) as Json).BaseResponse.Ret);
    expect(await revoke('123')).toBe(1);
    expect(await revoke(sent.MsgID)).toBe(0);
    const list = await sync(client, s);
    expect(list.map((m) => m['MsgType'])).toEqual([1, 10002]);
    expect(String(list[1]?.['Content'])).toContain(`&lt;msgid&gt;${sent.MsgID}&lt;/msgid&gt;`);
    const late = await send(client, s, 'webwxsendmsg', { Type: 1, Content: 'old news' });
    now += 121_000;
    expect(await revoke(late.MsgID)).toBe(-2);
  });
});
