import { describe, expect, it } from 'vitest';
import { MAX_REPLY_CHARS, encodeRequest, integer, list, parseReply, percentDecode, percentEncode, rows, scalar, type Reply } from './codec.ts';

const parsed = (body: string): Reply => {
  const result = parseReply(body);
  if (!result.ok) throw new Error(result.error);
  return result.reply;
};

describe('percentEncode / percentDecode', () => {
  it('always escapes % & = + , ; CR LF and encodes UTF-8', () => {
    expect(percentEncode('a%b&c=d+e,f;g\r\nh')).toBe('a%25b%26c%3Dd%2Be%2Cf%3Bg%0D%0Ah');
    expect(percentEncode('你好')).toBe('%E4%BD%A0%E5%A5%BD');
    expect(percentEncode('AZaz09-._~')).toBe('AZaz09-._~');
    expect(percentEncode('a b')).toBe('a%20b');
  });

  it('never throws on a lone surrogate', () => {
    expect(percentEncode('\uD800x')).toBe('%EF%BF%BDx');
  });

  it('round-trips any text', () => {
    const samples = ['', 'plain', 'a,b & c 100% 你好', '😀 emoji ✓', '=&=&', '%2c literal', 'line1\r\nline2', '+ plus +', ' spaced '];
    for (const text of samples) expect(percentDecode(percentEncode(text))).toBe(text);
  });

  it('decodes either hex case, keeps + and bad escapes literal, replaces broken UTF-8', () => {
    expect(percentDecode('a%2cb%2Cc')).toBe('a,b,c');
    expect(percentDecode('1+1')).toBe('1+1');
    expect(percentDecode('100%')).toBe('100%');
    expect(percentDecode('%zz%4')).toBe('%zz%4');
    expect(percentDecode('%E4%BD')).toBe('\uFFFD');
    expect(percentDecode('%E4%BD%A0raw你')).toBe('你raw你');
    expect(percentDecode('%%41')).toBe('%A');
  });
});

describe('encodeRequest', () => {
  it('builds KEY=VALUE pairs with every value encoded', () => {
    expect(
      encodeRequest([
        ['VER', '1.1'],
        ['CMD', 'CLTMSG'],
        ['SEQ', 1001],
        ['UIN', '10001'],
        ['UN', '20002'],
        ['MG', 'a=b&c,d'],
      ]),
    ).toBe('VER=1.1&CMD=CLTMSG&SEQ=1001&UIN=10001&UN=20002&MG=a%3Db%26c%2Cd');
  });
});

describe('parseReply (A.10 vectors)', () => {
  it('login OK with HI/LI/COMP and a trailing CRLF', () => {
    const reply = parsed('VER=1.1&CMD=Login&SEQ=11281&UIN=10001&RES=0&RS=0&HI=60&LI=300&COMP=NOKIA\r\n');
    expect(integer(reply, 'RES', -1)).toBe(0);
    expect(integer(reply, 'RS', -1)).toBe(0);
    expect(integer(reply, 'HI', 0)).toBe(60);
    expect(integer(reply, 'LI', 0)).toBe(300);
    expect(scalar(reply, 'COMP')).toBe('NOKIA');
  });

  it('wrong password: RS=1 with a reason, case-insensitive keys', () => {
    const reply = parsed('ver=1.1&cmd=login&seq=11422&uin=315103947&res=0&rs=1&ra=Login Failed');
    expect(integer(reply, 'RS', -1)).toBe(1);
    expect(scalar(reply, 'RA')).toBe('Login Failed');
  });

  it('empty body (bad VER) is a protocol error, as are NULL and blank lines', () => {
    expect(parseReply('')).toEqual({ ok: false, error: 'empty reply' });
    expect(parseReply('\r\n')).toEqual({ ok: false, error: 'empty reply' });
    expect(parseReply('NULL')).toEqual({ ok: false, error: 'empty reply' });
  });

  it('GetMsgEx MN=0', () => {
    const reply = parsed('VER=1.1&CMD=GetMsgEx&SEQ=5&UIN=10001&RES=0&MN=0&MT=&UN=&MG=\r\n');
    expect(integer(reply, 'MN', -1)).toBe(0);
    expect(list(reply, 'MT')).toEqual([]);
    expect(rows(reply, ['MT', 'UN', 'MG'])).toEqual({ ok: true, rows: [] });
  });

  it('GetMsgEx with escaped , & % and CJK, an MT 99 notice and a system message', () => {
    const reply = parsed(
      'VER=1.1&CMD=GetMsgEx&SEQ=6&UIN=10001&RES=0&MN=3&MT=9,99,9,&UN=20002,20003,10000,&MG=a%2cb %26 c 100%25 你好,30,系统%2C通知,\r\n',
    );
    const table = rows(reply, ['MT', 'UN', 'MG']);
    expect(table).toEqual({
      ok: true,
      rows: [
        { MT: '9', UN: '20002', MG: 'a,b & c 100% 你好' },
        { MT: '99', UN: '20003', MG: '30' },
        { MT: '9', UN: '10000', MG: '系统,通知' },
      ],
    });
  });

  it('does not decode before splitting: an escaped comma is data', () => {
    const reply = parsed('UN=1%2c2,3,');
    expect(list(reply, 'UN')).toEqual(['1,2', '3']);
  });

  it('drops exactly one trailing empty element and keeps inner empties', () => {
    const reply = parsed('A=x,,y,&B=x,,&C=,');
    expect(list(reply, 'A')).toEqual(['x', '', 'y']);
    expect(list(reply, 'B')).toEqual(['x', '']);
    expect(list(reply, 'C')).toEqual(['']);
    expect(list(reply, 'MISSING')).toEqual([]);
  });

  it('List of friends with a trailing comma', () => {
    const uins = Array.from({ length: 120 }, (_, i) => String(20001 + i));
    const reply = parsed(`VER=1.1&CMD=List&SEQ=7&UIN=10001&RES=0&FN=0&SN=120&UN=${uins.join(',')},\r\n`);
    expect(list(reply, 'UN')).toEqual(uins);
    expect(integer(reply, 'FN', -1)).toBe(0);
  });

  it('refuses mismatched parallel lists', () => {
    const reply = parsed('RES=0&MN=2&MT=9,9,&UN=20002,&MG=one,two,three,');
    const table = rows(reply, ['MT', 'UN', 'MG']);
    expect(table.ok).toBe(false);
    if (!table.ok) expect(table.error).toContain('MT=2 UN=1 MG=3');
  });

  it('lets optional columns be absent but not short', () => {
    const reply = parsed('UN=1,2,&ST=10,30,');
    expect(rows(reply, ['UN', 'ST', 'NK'], ['NK'])).toEqual({ ok: true, rows: [{ UN: '1', ST: '10', NK: '' }, { UN: '2', ST: '30', NK: '' }] });
    expect(rows(parsed('UN=1,2,&ST=10,30,&NK=a,'), ['UN', 'ST', 'NK'], ['NK']).ok).toBe(false);
  });

  it('splits a pair on the first = only and ignores unknown keys', () => {
    const reply = parsed('RES=0&MG=a=b=c&WHATEVER=1&RA=x');
    expect(scalar(reply, 'MG')).toBe('a=b=c');
    expect(scalar(reply, 'RA')).toBe('x');
  });

  it('takes + literally in replies and decodes %0d%0a in text values', () => {
    const reply = parsed('PR=1+1%0d%0aline two');
    expect(scalar(reply, 'PR')).toBe('1+1\r\nline two');
  });

  it('keeps the first of repeated keys (the envelope cannot be overridden)', () => {
    expect(integer(parsed('RES=0&MN=0&RES=20'), 'RES', -1)).toBe(0);
  });

  it('hostile bodies: HTML, huge, bad escapes, only separators', () => {
    expect(parseReply('<html><body>502 Bad Gateway</body></html>').ok).toBe(false);
    expect(parseReply(`RES=0&PAD=${'x'.repeat(MAX_REPLY_CHARS)}`)).toEqual({ ok: false, error: `reply too large (${MAX_REPLY_CHARS + 10} characters)` });
    expect(parseReply('&&&===&').ok).toBe(false);
    const reply = parsed('RES=0&MG=%E4%B8,%ZZ,%,&UN=1,2,3,&MT=9,9,9,');
    expect(list(reply, 'MG')).toEqual(['\uFFFD', '%ZZ', '%']);
    expect(integer(parsed('RES=abc'), 'RES', -7)).toBe(-7);
  });

  it('round-trips values through encodeRequest and parseReply', () => {
    const text = 'a,b & c 100% 你好 =;+\r\n😀';
    const reply = parsed(encodeRequest([['RES', 0], ['MG', text]]));
    expect(scalar(reply, 'MG')).toBe(text);
    expect(list(reply, 'MG')).toEqual([text]);
  });
});
