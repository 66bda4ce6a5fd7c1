import { describe, expect, it } from 'vitest';
import { parseReply, type Reply } from './codec.ts';
import { interpretMessages, messageId, type InboxContext } from './messages.ts';
import { splitText } from './send.ts';
import { qqPasswordDigest } from './password.ts';
import { backoffMs } from './loop.ts';
import { parseFinger } from './commands.ts';

const reply = (body: string): Reply => {
  const result = parseReply(body);
  if (!result.ok) throw new Error(result.error);
  return result.reply;
};
const ctx = (over: Partial<InboxContext> = {}): InboxContext => ({ now: 1_700_000_000_000, names: { '20002': '小红' }, known: new Set(['20002']), ...over });
const interpret = (body: string, over?: Partial<InboxContext>) => {
  const result = interpretMessages(reply(body), ctx(over));
  if (!result.ok) throw new Error(result.error);
  return result.batch;
};

describe('interpretMessages', () => {
  it('turns MT 9 into text messages with escapes decoded and senders named', () => {
    const batch = interpret('RES=0&MN=1&MT=9,&UN=20002,&MG=a%2cb %26 c 100%25 你好,');
    expect(batch.messages).toEqual([
      expect.objectContaining({ peerId: '20002', senderId: '20002', senderName: '小红', kind: 'text', text: 'a,b & c 100% 你好', direction: 'in' }),
    ]);
    expect(batch.contacts).toEqual([]);
  });

  it('marks 10000 as a system contact and its messages as system', () => {
    const batch = interpret('RES=0&MN=1&MT=9,&UN=10000,&MG=系统通知,');
    expect(batch.contacts).toEqual([{ id: '10000', name: 'QQ System', kind: 'system' }]);
    expect(batch.messages[0]).toMatchObject({ kind: 'system', senderId: '10000' });
  });

  it('adds strangers who write, once', () => {
    const batch = interpret('RES=0&MN=2&MT=9,9,&UN=30001,30001,&MG=hi,again,');
    expect(batch.contacts).toEqual([{ id: '30001', name: '30001', kind: 'user' }]);
    expect(batch.messages).toHaveLength(2);
  });

  it('turns MT 99 into presence, unknown codes into notes', () => {
    const batch = interpret('RES=0&MN=3&MT=99,99,99,&UN=20002,20003,20004,&MG=30,10,77,');
    expect([...batch.presence]).toEqual([
      ['20002', 'busy'],
      ['20003', 'online'],
    ]);
    expect(batch.contacts[0]).toEqual({ id: '20002', name: '小红', kind: 'user', presence: 'busy' });
    expect(batch.notes).toHaveLength(1);
    expect(batch.messages).toEqual([]);
  });

  it('turns MT 2/3/4 into a request, a new friend and a refusal', () => {
    const batch = interpret('RES=0&MN=3&MT=2,3,4,&UN=30001,30002,30003,&MG=I am Bob%2c add me,,not now,');
    expect(batch.contacts[0]).toEqual({ id: '30001', name: '30001', kind: 'user', request: { text: 'I am Bob, add me', at: ctx().now } });
    expect(batch.newFriends).toEqual(['30002']);
    expect(batch.messages.map((m) => [m.kind, m.text])).toEqual([
      ['system', '30002 accepted your friend request'],
      ['system', '30003 refused your friend request: not now'],
    ]);
  });

  it('notes unknown types and bad senders without failing the batch', () => {
    const batch = interpret('RES=0&MN=2&MT=42,9,&UN=20002,abc,&MG=x,y,');
    expect(batch.notes).toHaveLength(2);
    expect(batch.messages).toEqual([]);
  });

  it('refuses mismatched lists and an MN that disagrees', () => {
    expect(interpretMessages(reply('RES=0&MN=2&MT=9,9,&UN=20002,&MG=one,two,three,'), ctx()).ok).toBe(false);
    expect(interpretMessages(reply('RES=0&MN=3&MT=9,&UN=20002,&MG=one,'), ctx()).ok).toBe(false);
  });

  it('derives stable ids: identical repeats in one reply differ, a redelivery in the same window collides', () => {
    const body = 'RES=0&MN=3&MT=9,9,9,&UN=20002,20002,20002,&MG=ok,ok,other,';
    const first = interpret(body).messages.map((m) => m.serverId);
    expect(new Set(first).size).toBe(3);
    const windowStart = ctx().now - (ctx().now % 10_000);
    const redelivered = interpret(body, { now: windowStart + 9_000 }).messages.map((m) => m.serverId);
    expect(redelivered).toEqual(first);
    expect(messageId(9, '20002', 'ok', 0, 0)).toBe(messageId(9, '20002', 'ok', 9_999, 0));
    expect(messageId(9, '20002', 'ok', 0, 0)).not.toBe(messageId(9, '20002', 'ok', 10_000, 0));
  });

  it('keeps the reply order in the timestamps', () => {
    const batch = interpret('RES=0&MN=2&MT=9,9,&UN=20002,20002,&MG=first,second,');
    expect(batch.messages[0]!.at).toBeLessThan(batch.messages[1]!.at);
  });
});

describe('splitText', () => {
  it('keeps short texts whole and splits long ones exactly', () => {
    expect(splitText('hello', 300)).toEqual(['hello']);
    const long = 'word '.repeat(200);
    const parts = splitText(long, 300);
    expect(parts.join('')).toBe(long);
    expect(parts.every((p) => Array.from(p).length <= 300)).toBe(true);
    expect(parts[0]!.endsWith(' ')).toBe(true);
  });

  it('never splits a surrogate pair and handles text without spaces', () => {
    const text = '😀'.repeat(7);
    const parts = splitText(text, 3);
    expect(parts).toEqual(['😀😀😀', '😀😀😀', '😀']);
    expect(splitText('你'.repeat(10), 4).join('')).toBe('你'.repeat(10));
  });
});

describe('small helpers', () => {
  it('digests passwords as lower-case MD5 hex of the UTF-8 bytes', () => {
    expect(qqPasswordDigest('switchboard')).toBe('bbbf56cdcb4c20fdbf6a982bc92cec8b');
    expect(qqPasswordDigest('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(qqPasswordDigest('密码')).toBe('a8105204604a0b11e916f3879aae3b0b');
  });

  it('backs off exponentially with jitter', () => {
    expect(backoffMs(0, () => 0.5)).toBe(2_000);
    expect(backoffMs(20, () => 1)).toBe(75_000);
    expect(backoffMs(3, () => 0)).toBe(12_000);
  });

  it('parses Finger queries', () => {
    expect(parseFinger('age=20 sex=female province=3')).toEqual({ age: 20, sex: '1', province: '3' });
    expect(parseFinger('sex:男')).toEqual({ age: 0, sex: '0', province: '' });
    expect('error' in parseFinger('bob')).toBe(true);
  });
});
