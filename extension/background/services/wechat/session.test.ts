import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.ts';
import { readStoredSession, SEEN_LIMIT, SessionState, type WechatSession } from './session.ts';
import { chunkCount, mediaTypeFor } from './upload.ts';

const VALID: WechatSession = {
  v: 1,
  host: 'wx2.qq.com',
  uin: '211722515',
  sid: 'sid',
  skey: '@crypt_k',
  passTicket: 'pt',
  deviceId: 'e123456789012345',
  syncKey: { Count: 1, List: [{ Key: 1, Val: 2 }] },
  syncCheckKey: null,
  self: { id: '@self', name: 'Me' },
  pushHost: 'webpush.wx2.qq.com',
  loginAt: 100,
  seen: ['1'],
  sent: [],
};

describe('readStoredSession', () => {
  it('accepts what we store', () => {
    expect(readStoredSession(JSON.parse(JSON.stringify(VALID)))).toEqual(VALID);
  });
  it('rejects anything inconsistent', () => {
    expect(readStoredSession(undefined)).toBeUndefined();
    expect(readStoredSession({ ...VALID, v: 2 })).toBeUndefined();
    expect(readStoredSession({ ...VALID, host: 'evil.example.com' })).toBeUndefined();
    expect(readStoredSession({ ...VALID, host: 'webpush.wx2.qq.com' })).toBeUndefined();
    expect(readStoredSession({ ...VALID, uin: 'abc' })).toBeUndefined();
    expect(readStoredSession({ ...VALID, deviceId: 'x' })).toBeUndefined();
  });
  it('drops a push host from another family', () => {
    expect(readStoredSession({ ...VALID, pushHost: 'webpush.evil.com' })?.pushHost).toBeNull();
  });
});

describe('SessionState', () => {
  it('bounds the seen set and persists a copy', async () => {
    const stored: WechatSession[] = [];
    const slot = { get: async () => undefined, set: async (v: WechatSession) => void stored.push(v), clear: async () => undefined };
    const state = new SessionState(structuredClone(VALID), slot, 0);
    state.remember(Array.from({ length: SEEN_LIMIT + 10 }, (_, i) => String(i + 100)));
    expect(state.session.seen).toHaveLength(SEEN_LIMIT);
    expect(state.hasSeen('1')).toBe(false);
    expect(state.hasSeen(String(SEEN_LIMIT + 109))).toBe(true);
    await state.persist();
    state.session.skey = 'changed';
    expect(stored[0]?.skey).toBe('@crypt_k');
    expect(state.baseRequest()).toEqual({ Uin: 211722515, Sid: 'sid', Skey: 'changed', DeviceID: 'e123456789012345' });
  });
});

describe('Backoff', () => {
  it('is full-jitter exponential with a floor and a cap', () => {
    const top = new Backoff(() => 0.999999, 1000, 8000, 500);
    expect([top.next(), top.next(), top.next(), top.next(), top.next()]).toEqual([999, 1999, 3999, 7999, 7999]);
    const bottom = new Backoff(() => 0, 1000, 8000, 500);
    expect(bottom.next()).toBe(500);
    top.reset();
    expect(top.attempts).toBe(0);
  });
});

describe('upload helpers', () => {
  it('splits 1.3 MB into 3 chunks of 512 KiB', () => {
    expect(chunkCount(1_300_000)).toBe(3);
    expect(chunkCount(524_288)).toBe(1);
    expect(chunkCount(524_289)).toBe(2);
    expect(chunkCount(0)).toBe(1);
  });
  it('maps media types like W4U', () => {
    expect(mediaTypeFor('a.JPG', '')).toBe('pic');
    expect(mediaTypeFor('a.bin', 'image/png')).toBe('pic');
    expect(mediaTypeFor('clip.mp4', '')).toBe('video');
    expect(mediaTypeFor('doc.pdf', 'application/pdf')).toBe('doc');
  });
});
