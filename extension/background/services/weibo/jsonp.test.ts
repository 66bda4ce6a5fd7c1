import { describe, expect, it } from 'vitest';
import { parseJsonp } from './jsonp.ts';

const CB = 'webimCB_ab1';
const payload = '[{"channel":"/meta/connect","successful":true,"id":"2"}]';
const value = [{ channel: '/meta/connect', successful: true, id: '2' }];

describe('parseJsonp accepts the wrappers seen on the wire', () => {
  it.each([
    ['bare call (2013)', `${CB}(${payload})`],
    ['call with semicolon', `${CB}(${payload});`],
    ['faye /**/ prefix', `/**/${CB}(${payload});`],
    ['faye prefix without semicolon', `/**/${CB}(${payload})`],
    ['weibo try/catch (2015)', `try{${CB}(${payload})}catch(e){}`],
    ['weibo try/catch with inner semicolon', `try{${CB}(${payload});}catch(e){}`],
    ['surrounding whitespace and newline', `\n  try{${CB}(${payload});}catch(e){}\n`],
  ])('%s', (_name, body) => {
    expect(parseJsonp(body, CB)).toEqual({ ok: true, value });
  });

  it('accepts an object payload (webim.jsp) and dotted callback names', () => {
    const body = 'try{parent.webimCB._callback0({"channel":"/im/he47ot_2645052603","server":"http://12.76.web1.im.weibo.com/"});}catch(e){}';
    expect(parseJsonp(body, 'parent.webimCB._callback0')).toEqual({
      ok: true,
      value: { channel: '/im/he47ot_2645052603', server: 'http://12.76.web1.im.weibo.com/' },
    });
  });

  it('keeps CJK and escaped line separators as data', () => {
    expect(parseJsonp(`${CB}(["你好\\u2028世界"])`, CB)).toEqual({ ok: true, value: ['你好\u2028世界'] });
  });
});

describe('parseJsonp refuses everything else, without evaluating it', () => {
  it.each([
    ['script as argument', `${CB}(alert(1))`, 'json'],
    ['code before the call', `x();${CB}(${payload})`, 'callback'],
    ['another callback name', `/**/jsonpcallback(${payload});`, 'callback'],
    ['a name that merely starts like ours', `${CB}x(${payload})`, 'callback'],
    ['code after the call', `${CB}(${payload});alert(document.cookie)`, 'json'],
    ['a second call', `${CB}(${payload});${CB}(${payload})`, 'json'],
    ['trailing garbage', `${CB}(${payload}) garbage`, 'wrapper'],
    ['malformed JSON', `try{${CB}([{"channel":"/meta/connect",)}catch(e){}`, 'json'],
    ['unclosed try', `try{${CB}(${payload})`, 'wrapper'],
    ['try with code in catch', `try{${CB}(${payload})}catch(e){alert(1)}`, 'wrapper'],
    ['HTML error page', '<html><body>502 Bad Gateway</body></html>', 'wrapper'],
    ['plain JSON', payload, 'wrapper'],
    ['empty body', '   ', 'empty'],
  ])('%s', (_name, body, error) => {
    const result = parseJsonp(body, CB);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe(error);
  });
});
