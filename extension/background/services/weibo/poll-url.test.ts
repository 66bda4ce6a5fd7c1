import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from './bayeux-messages.ts';
import { imCommands, publishMessage } from './bayeux-requests.ts';
import { MAX_URL_LENGTH, pollUrl, splitForUrl } from './poll-url.ts';

const URL_BASE = 'http://13.79.web1.im.weibo.com/im';
const msg = (text: string, id: string): OutgoingMessage => publishMessage(imCommands.msg('2000000002', text, `s${id}`), 'clientid0123456789abcdefghijkl', id);

describe('callback-polling URLs', () => {
  it('carry jsonp and the JSON array in message', () => {
    const url = new URL(pollUrl(URL_BASE, 'webimCB_a1', [msg('hi', '1')]));
    expect(url.searchParams.get('jsonp')).toBe('webimCB_a1');
    expect(JSON.parse(url.searchParams.get('message') ?? '')).toEqual([msg('hi', '1')]);
  });

  it('CJK text costs 9 URL characters per character', () => {
    const ascii = pollUrl(URL_BASE, 'cb', [msg('a'.repeat(100), '1')]).length;
    const cjk = pollUrl(URL_BASE, 'cb', [msg('中'.repeat(100), '1')]).length;
    expect(cjk - ascii).toBe(800);
  });

  it('keeps a batch whole when it fits', () => {
    const result = splitForUrl(URL_BASE, 'cb', [msg('a', '1'), msg('b', '2'), msg('c', '3')]);
    expect(result).toEqual({ ok: true, batches: [[msg('a', '1'), msg('b', '2'), msg('c', '3')]] });
  });

  it('splits a batch that would be too long, in order', () => {
    const messages = ['1', '2', '3', '4'].map((id) => msg('微'.repeat(250), id));
    const result = splitForUrl(URL_BASE, 'cb', messages);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.batches.length).toBeGreaterThan(1);
    expect(result.batches.flat()).toEqual(messages);
    for (const batch of result.batches) expect(pollUrl(URL_BASE, 'cb', batch).length).toBeLessThanOrEqual(MAX_URL_LENGTH);
  });

  it('refuses a single message over the limit', () => {
    const long = msg('博'.repeat(700), '9');
    const result = splitForUrl(URL_BASE, 'cb', [msg('ok', '1'), long]);
    expect(result).toMatchObject({ ok: false, message: long, limit: MAX_URL_LENGTH });
    if (!result.ok) expect(result.length).toBeGreaterThan(MAX_URL_LENGTH);
  });

  it('a 300-character Chinese DM (the old API limit) still fits', () => {
    expect(splitForUrl(URL_BASE, 'webimCB_abcd12', [msg('私'.repeat(300), 'abcd12')]).ok).toBe(true);
  });
});
