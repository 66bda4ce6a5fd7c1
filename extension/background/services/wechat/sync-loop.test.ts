import { describe, expect, it } from 'vitest';
import { createWechatConnector } from './index.ts';
import { FakeWechat, json, NETWORK_DOWN, OK, text } from './fake-deps.ts';
import { bodyOf, initReply, LOGIN_TIME, msg, resumable, storedSession, syncCheck, syncKey, syncReply } from './fixtures.ts';
import type { WechatSession } from './session.ts';

const stored = (fake: FakeWechat) => fake.slots.get('session') as WechatSession | undefined;

describe('resume', () => {
  it('resumes a stored session with webwxinit, without a QR, keeping the stored SyncKey', async () => {
    const fake = resumable().on('webwxsync', syncReply(78)).on('synccheck', syncCheck(0, 0));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.callsTo('jslogin')).toHaveLength(0);
    expect(fake.statuses.some((s) => s.status === 'needsUser')).toBe(false);
    expect(fake.statuses[0]).toEqual({ status: 'signingIn', reason: 'Resuming your WeChat session' });
    expect(fake.statuses.map((s) => s.status)).toContain('online');
    expect(bodyOf(fake.callsTo('webwxinit')[0]?.body).BaseRequest).toMatchObject({ Sid: 'stored-sid', Skey: '@crypt_stored', DeviceID: 'e123456789012345' });
    // The stored cursor, not init's SyncKey (1), is what the first sync continues from.
    expect(bodyOf(fake.callsTo('webwxsync')[0]?.body).SyncKey).toEqual(syncKey(77));
    const check = new URL(fake.callsTo('synccheck')[0]?.url ?? '');
    expect(check.host).toBe('webpush.wx2.qq.com');
    expect(check.searchParams.get('synckey')).toBe('1_78|1000_1520925834');
    expect(check.searchParams.get('sid')).toBe('stored-sid');
    expect(check.searchParams.get('skey')).toBe('@crypt_init');
    expect(fake.callsTo('synccheck')[0]?.deadlineMs).toBe(35_000);
    expect(stored(fake)?.syncKey).toEqual(syncKey(78));
  });

  it('a refused stored session is cleared and QR login starts', async () => {
    const fake = new FakeWechat().on('webwxinit', json({ BaseResponse: { Ret: 1101, ErrMsg: '' } }));
    fake.slots.set('session', storedSession());
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    const clear = fake.timeline.indexOf('slot.clear:session');
    expect(clear).toBeGreaterThan(-1);
    expect(fake.timeline.indexOf('http:jslogin')).toBeGreaterThan(clear);
    expect(fake.slots.has('session')).toBe(false);
  });

  it('ignores a stored session that does not validate', async () => {
    const fake = new FakeWechat();
    fake.slots.set('session', { ...storedSession(), host: 'evil.example.com' });
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.endpoints()[0]).toBe('jslogin');
  });
});

describe('sync', () => {
  it('stores messages (events.messages resolved) BEFORE persisting the new SyncKey', async () => {
    const fake = resumable().on('webwxsync', syncReply(78, [msg('5001')]));
    fake.storeDelay = 10;
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    const stored = fake.timeline.indexOf('messages:stored');
    const started = fake.timeline.indexOf('messages:start');
    expect(started).toBeGreaterThan(-1);
    // Map each slot.set in the timeline to the value it wrote.
    const setIndexes = fake.timeline.flatMap((entry, index) => (entry === 'slot.set:session' ? [index] : []));
    const firstAdvanced = fake.slotSets.findIndex((s) => (s.value as WechatSession).syncKey?.List[0]?.Val === 78);
    expect(firstAdvanced).toBeGreaterThan(-1);
    expect(setIndexes[firstAdvanced]).toBeGreaterThan(stored);
    expect(fake.batches[0]?.[0]).toMatchObject({ serverId: '5001', direction: 'in', peerId: '@alice', senderName: 'Alice', text: 'hi' });
    // A resumed session's first sync is live (newer than the login time), not replay.
    expect(fake.batches[0]?.[0]?.replay).toBeUndefined();
  });

  it('keeps the old SyncKey when storing messages fails, and backs off', async () => {
    const fake = resumable().on('webwxsync', syncReply(78, [msg('5001')]));
    const deps = fake.deps();
    deps.events.messages = async () => {
      throw new Error('QuotaExceededError');
    };
    await createWechatConnector(deps).start(fake.controller.signal);
    expect(fake.slotSets.some((s) => (s.value as WechatSession).syncKey?.List[0]?.Val === 78)).toBe(false);
    expect(fake.statuses.at(-1)?.status).toBe('reconnecting');
    expect(fake.diagnostics.some((d) => d.what.includes('could not store messages'))).toBe(true);
  });

  it('drains while ContinueFlag != 0 before the next synccheck', async () => {
    const fake = resumable().on('webwxsync', syncReply(78, [msg('1')], { ContinueFlag: 1 }), syncReply(79, [msg('2')], { ContinueFlag: 0 }));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.endpoints().filter((e) => e === 'webwxsync' || e === 'synccheck')).toEqual(['webwxsync', 'webwxsync', 'synccheck']);
    expect(bodyOf(fake.callsTo('webwxsync')[1]?.body).SyncKey).toEqual(syncKey(78));
    expect(fake.batches.map((b) => b.map((m) => m.serverId))).toEqual([['1'], ['2']]);
    expect(stored(fake)?.syncKey).toEqual(syncKey(79));
  });

  it('any non-zero selector -> webwxsync; recalls and read-elsewhere become events', async () => {
    const recall = '&lt;sysmsg type="revokemsg"&gt;&lt;revokemsg&gt;&lt;msgid&gt;5001&lt;/msgid&gt;&lt;/revokemsg&gt;&lt;/sysmsg&gt;';
    const fake = resumable()
      .on('webwxsync', syncReply(78), syncReply(79, [msg('6001', { MsgType: 10002, Content: recall }), msg('6002', { MsgType: 51, FromUserName: '@self', ToUserName: '@alice', StatusNotifyCode: 2 })]))
      .on('synccheck', syncCheck(0, 7));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.callsTo('webwxsync')).toHaveLength(2);
    expect(fake.recalled).toEqual(['5001']);
    expect(fake.readElsewhere).toEqual(['@alice']);
    expect(fake.batches).toHaveLength(0);
  });

  it('drops messages already seen (bounded persisted set) and uses SyncCheckKey for synccheck', async () => {
    const fake = resumable(new FakeWechat(), storedSession({ seen: ['5001'] })).on('webwxsync', syncReply(78, [msg('5001'), msg('5002')], { SyncCheckKey: syncKey(90) }));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.batches[0]?.map((m) => m.serverId)).toEqual(['5002']);
    expect(stored(fake)?.seen).toEqual(['5001', '5002']);
    expect(new URL(fake.callsTo('synccheck')[0]?.url ?? '').searchParams.get('synckey')).toBe('1_90|1000_1520925834');
  });

  it('fetches unknown group details before naming the sender', async () => {
    const fake = resumable()
      .on('webwxsync', syncReply(78, [msg('7001', { FromUserName: '@@g', Content: '@bob:<br/>hello @Me' })]))
      .on('webwxbatchgetcontact', json({ ...OK, Count: 1, ContactList: [{ UserName: '@@g', NickName: 'Team', MemberList: [{ UserName: '@bob', NickName: 'Bob', DisplayName: 'Bobby' }] }] }));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(bodyOf(fake.callsTo('webwxbatchgetcontact')[0]?.body)).toMatchObject({ Count: 1, List: [{ UserName: '@@g', EncryChatRoomId: '' }] });
    expect(fake.batches[0]?.[0]).toMatchObject({ peerId: '@@g', senderId: '@bob', senderName: 'Bobby', text: 'hello @Me', mentionsMe: true });
  });

  it('probes webpush.<host> then <host> and remembers the one that answers', async () => {
    const fake = resumable(new FakeWechat(), storedSession({ pushHost: null }))
      .on('webwxsync', syncReply(78))
      .on('synccheck', NETWORK_DOWN, syncCheck(0, 0));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.callsTo('synccheck').map((c) => new URL(c.url).host)).toEqual(['webpush.wx2.qq.com', 'wx2.qq.com', 'wx2.qq.com']);
    expect(stored(fake)?.pushHost).toBe('wx2.qq.com');
  });
});

describe('session end and failures', () => {
  it('synccheck 1101 -> signedOut with the reason, session cleared, loop ends', async () => {
    const fake = resumable().on('webwxsync', syncReply(78)).on('synccheck', syncCheck(1101, 0));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.controller.signal.aborted).toBe(false);
    expect(fake.statuses.at(-1)).toMatchObject({ status: 'signedOut', code: 'wechat:1101', reason: expect.stringContaining('1101') });
    expect(fake.slots.has('session')).toBe(false);
  });

  it('webwxsync Ret 1100 -> signedOut', async () => {
    const fake = resumable().on('webwxsync', json({ BaseResponse: { Ret: 1100, ErrMsg: '' } }));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.statuses.at(-1)).toMatchObject({ status: 'signedOut', code: 'wechat:1100' });
  });

  it('network failures back off with jitter (reconnecting), then restart through webwxinit', async () => {
    const fake = resumable()
      .on('webwxinit', initReply())
      .always('webwxsync', syncReply(78))
      .on('synccheck', NETWORK_DOWN, NETWORK_DOWN, NETWORK_DOWN, syncCheck(0, 0));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.sleeps.slice(0, 3)).toEqual([500, 1000, 2000]);
    const reconnecting = fake.statuses.filter((s) => s.status === 'reconnecting');
    expect(reconnecting[0]?.reason).toMatch(/Waiting for messages failed: network error .*ERR_CONNECTION_RESET.*retrying in a moment/);
    expect(reconnecting[1]?.reason).toMatch(/retrying in 1 s$/);
    expect(fake.callsTo('webwxinit')).toHaveLength(2);
    expect(fake.statuses.at(-1)?.status).toBe('online');
    expect(fake.endpoints().slice(-2)).toEqual(['synccheck', 'synccheck']);
  });

  it('gives up after repeated failures, keeping the session for a later start', async () => {
    const fake = resumable().always('webwxinit', initReply()).always('webwxsync', syncReply(78)).always('synccheck', NETWORK_DOWN);
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.controller.signal.aborted).toBe(false);
    expect(fake.statuses.at(-1)?.status).toBe('stopped');
    expect(fake.callsTo('webwxinit').length).toBeGreaterThan(1);
    expect(fake.slots.has('session')).toBe(true);
    // Full jitter is capped.
    expect(Math.max(...fake.sleeps)).toBeLessThanOrEqual(60_000);
  });

  it('1205 backs off for at least 30 s', async () => {
    const fake = resumable().on('webwxsync', syncReply(78)).on('synccheck', syncCheck(1205, 0));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.sleeps).toContain(30_000);
    expect(fake.statuses.some((s) => s.status === 'reconnecting' && s.reason?.includes('1205'))).toBe(true);
  });

  it('a hostile synccheck body is data: logged raw, then backoff', async () => {
    const fake = resumable().on('webwxsync', syncReply(78)).on('synccheck', text('window.synccheck={retcode:"0",selector:alert(1)}'));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.diagnostics.some((d) => d.what.startsWith('synccheck: unexpected') && d.raw === 'window.synccheck={retcode:"0",selector:alert(1)}')).toBe(true);
    expect(fake.statuses.at(-1)?.status).toBe('reconnecting');
    expect(fake.callsTo('webwxsync')).toHaveLength(1);
  });

  it('messages older than the login time are replay even on a resumed session', async () => {
    const fake = resumable().on('webwxsync', syncReply(78, [msg('1', { CreateTime: LOGIN_TIME - 10 })]));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.batches[0]?.[0]?.replay).toBe(true);
  });
});
