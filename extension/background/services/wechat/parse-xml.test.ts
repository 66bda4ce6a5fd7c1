import { describe, expect, it } from 'vitest';
import { parseLoginPage, xmlAttr, xmlInner, xmlText } from './parse-xml.ts';

const OK = `<error>
<ret>0</ret>
<message></message>
<skey>@crypt_8b4f09cc_a5871dc10130a48703b9afd5602152e4</skey>
<wxsid>+urBrYI292xoIknf</wxsid>
<wxuin>211722515</wxuin>
<pass_ticket>qg%2BL%2BfjNnoHyqYsL3xj0KoNi5nqchsInPWWSxDwqCJ8%3D</pass_ticket>
<isgrayscale>1</isgrayscale>
</error>`;

describe('parseLoginPage', () => {
  it('reads the session keys (seed 002) and decodes pass_ticket once', () => {
    expect(parseLoginPage(OK)).toEqual({
      kind: 'ok',
      skey: '@crypt_8b4f09cc_a5871dc10130a48703b9afd5602152e4',
      wxsid: '+urBrYI292xoIknf',
      wxuin: '211722515',
      passTicket: 'qg+L+fjNnoHyqYsL3xj0KoNi5nqchsInPWWSxDwqCJ8=',
    });
  });
  it('reports 1203 with its message', () => {
    const body = '<error><ret>1203</ret><message>当前登录环境异常。为了你的帐号安全，暂时不能登录web微信。</message></error>';
    expect(parseLoginPage(body)).toEqual({ kind: 'refused', ret: 1203, message: '当前登录环境异常。为了你的帐号安全，暂时不能登录web微信。' });
  });
  it('treats ret 0 without keys as refused (limited account)', () => {
    expect(parseLoginPage('<error><ret>0</ret><message/></error>').kind).toBe('refused');
  });
  it('rejects non-XML and bad ret', () => {
    expect(parseLoginPage('')).toEqual({ kind: 'malformed' });
    expect(parseLoginPage('<html>301 Moved</html>')).toEqual({ kind: 'malformed' });
    expect(parseLoginPage('<error><ret>x</ret></error>')).toEqual({ kind: 'malformed' });
  });
  it('does not accept a non-numeric uin', () => {
    expect(parseLoginPage(OK.replace('211722515', '<script>1</script>')).kind).toBe('refused');
  });
});

describe('tag extractor', () => {
  it('finds text, CDATA, self-closing tags and attributes', () => {
    const xml = `<sysmsg type="revokemsg"><revokemsg><session>@abc</session><msgid>1234567890</msgid><newmsgid>987</newmsgid><replacemsg><![CDATA["张三" 撤回了一条消息 <b>]]></replacemsg><empty/></revokemsg></sysmsg>`;
    expect(xmlText(xml, 'msgid')).toBe('1234567890');
    expect(xmlText(xml, 'replacemsg')).toBe('"张三" 撤回了一条消息 <b>');
    expect(xmlInner(xml, 'empty')).toBe('');
    expect(xmlText(xml, 'missing')).toBeUndefined();
    expect(xmlAttr(xml, 'sysmsg', 'type')).toBe('revokemsg');
  });
  it('does not confuse <msg> with <msgid>', () => {
    expect(xmlText('<msgid>1</msgid><msg>two</msg>', 'msg')).toBe('two');
  });
  it('decodes entities in text and attributes', () => {
    expect(xmlText('<title>a &amp; b &lt;c&gt;</title>', 'title')).toBe('a & b <c>');
    expect(xmlAttr(`<location label='x &quot;y&quot;' />`, 'location', 'label')).toBe('x "y"');
  });
  it('returns undefined for an unclosed tag', () => {
    expect(xmlText('<title>never closed', 'title')).toBeUndefined();
  });
});
