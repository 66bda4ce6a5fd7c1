import { describe, expect, it } from 'vitest';
import { readDiscovery, webimUrl } from './discovery.ts';

describe('webim.jsp discovery', () => {
  it('asks the documented URL', () => {
    const url = new URL(webimUrl('1824450144', 'webimCB_a1', 1234));
    expect(url.origin + url.pathname).toBe('http://nas.im.api.weibo.com/im/webim.jsp');
    expect(Object.fromEntries(url.searchParams)).toEqual({ v: '1.1', returntype: 'json', uid: '1824450144', callback: 'webimCB_a1', __rnd: '1234' });
  });

  it('reads the 2015 JSONP object form', () => {
    const body = 'try{cb({"channel":"/im/he47ot_2645052603","server":"http://12.76.web1.im.weibo.com/"});}catch(e){}';
    expect(readDiscovery(body, 'cb')).toEqual({
      kind: 'found',
      endpoint: { server: 'http://12.76.web1.im.weibo.com/', channel: '/im/he47ot_2645052603', url: 'http://12.76.web1.im.weibo.com/im' },
    });
  });

  it('reads plain JSON and adds a missing trailing slash', () => {
    expect(readDiscovery('{"channel":"/im/1824450144","server":"https://web.im.weibo.com"}', 'cb')).toMatchObject({
      kind: 'found',
      endpoint: { server: 'https://web.im.weibo.com/', url: 'https://web.im.weibo.com/im' },
    });
  });

  it('not logged in: the error object means sign in on weibo.com', () => {
    const result = readDiscovery('try{cb({"error":"auth faild!","error_code":21301,"request":"/im/webim.jsp"});}catch(e){}', 'cb');
    expect(result.kind).toBe('loginRequired');
    if (result.kind === 'loginRequired') expect(result.reason).toContain('auth faild!');
  });

  it('refuses servers outside weibo.com and odd channels', () => {
    expect(readDiscovery('{"channel":"/im/x_1","server":"http://evil.example/"}', 'cb')).toMatchObject({ kind: 'failed', code: 'webim:endpoint' });
    expect(readDiscovery('{"channel":"/im/x_1","server":"http://weibo.com.evil.example/"}', 'cb')).toMatchObject({ kind: 'failed', code: 'webim:endpoint' });
    expect(readDiscovery('{"channel":"/meta/handshake","server":"http://1.1.web1.im.weibo.com/"}', 'cb')).toMatchObject({ kind: 'failed' });
  });

  it('hostile and wrong-callback bodies are protocol errors', () => {
    expect(readDiscovery('cb(alert(1))', 'cb')).toMatchObject({ kind: 'failed', code: 'jsonp:json' });
    expect(readDiscovery('other({"channel":"/im/x","server":"http://1.1.web1.im.weibo.com/"})', 'cb')).toMatchObject({ kind: 'failed', code: 'jsonp:callback' });
  });
});
