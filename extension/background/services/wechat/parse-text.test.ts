import { describe, expect, it } from 'vitest';
import { parseLoginPoll, parseQrLogin, parseSyncCheck, parseWindowAssignments } from './parse-text.ts';

describe('parseWindowAssignments', () => {
  it('reads dotted names, strings, numbers and objects', () => {
    const values = parseWindowAssignments('window.QRLogin.code = 200; window.QRLogin.uuid = "wb7R2kx9dA==";\nwindow.x={a:"1", "b":2}');
    expect(values?.get('QRLogin.code')).toBe(200);
    expect(values?.get('QRLogin.uuid')).toBe('wb7R2kx9dA==');
    expect(values?.get('x')).toEqual({ a: '1', b: 2 });
  });

  it('handles escapes and single quotes', () => {
    expect(parseWindowAssignments(`window.a='it\\'s'; window.b="x\\/y"`)?.get('a')).toBe("it's");
    expect(parseWindowAssignments(`window.b="x\\/y"`)?.get('b')).toBe('x/y');
  });

  it.each([
    'window.code=alert(1);',
    'window.code=200; alert(1)',
    'document.cookie="x"',
    'window.code=window.other;',
    'window.code=200;window.code2="unterminated',
    'window.synccheck={retcode:"0",selector:alert(1)}',
    'window.synccheck={retcode:"0",selector:"2"}; window.location="https://evil"+1',
    'window.code=0x1F;',
    'window["code"]=1',
  ])('rejects code instead of data: %s', (body) => {
    expect(parseWindowAssignments(body)).toBeNull();
  });
});

describe('parseQrLogin', () => {
  it('reads code and uuid', () => {
    expect(parseQrLogin('window.QRLogin.code = 200; window.QRLogin.uuid = "4ZnG7WZ0Cg==";')).toEqual({ code: 200, uuid: '4ZnG7WZ0Cg==' });
  });
  it('drops a uuid that is not base64-ish', () => {
    expect(parseQrLogin('window.QRLogin.code = 200; window.QRLogin.uuid = "a b<script>";')).toEqual({ code: 200 });
  });
  it('returns null for garbage', () => {
    expect(parseQrLogin('<html>oops</html>')).toBeNull();
  });
});

describe('parseLoginPoll', () => {
  it('reads 408, 201 with avatar, 200 with redirect', () => {
    expect(parseLoginPoll('window.code=408;')).toEqual({ code: 408 });
    expect(parseLoginPoll("window.code=201;window.userAvatar = 'data:img/jpg;base64,/9j/4AAQ';")).toEqual({ code: 201, avatar: 'data:img/jpg;base64,/9j/4AAQ' });
    const uri = 'https://wx2.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=A@qrticket_0&uuid=4Z==&lang=zh_CN&scan=1520738372';
    expect(parseLoginPoll(`window.code=200;\nwindow.redirect_uri="${uri}";`)).toEqual({ code: 200, redirectUri: uri });
  });
  it('drops an avatar that is not an image data URL', () => {
    expect(parseLoginPoll("window.code=201;window.userAvatar='javascript:alert(1)';")).toEqual({ code: 201 });
  });
});

describe('parseSyncCheck', () => {
  it('parses quoted values to numbers', () => {
    const answer = parseSyncCheck('window.synccheck={retcode:"0",selector:"2"}');
    expect(answer).toEqual({ retcode: 0, selector: 2 });
    expect(typeof answer?.retcode).toBe('number');
  });
  it('compares logout codes as numbers (the W4U string bug)', () => {
    expect(parseSyncCheck('window.synccheck={retcode:"1101",selector:"0"}')?.retcode).toBe(1101);
    expect(parseSyncCheck('window.synccheck={retcode:1102}')).toEqual({ retcode: 1102, selector: 0 });
  });
  it('treats hostile bodies as invalid data', () => {
    expect(parseSyncCheck('window.synccheck={retcode:"0",selector:alert(1)}')).toBeNull();
    expect(parseSyncCheck('window.synccheck={retcode:"zero",selector:"2"}')).toBeNull();
    expect(parseSyncCheck('<script>alert(1)</script>')).toBeNull();
    expect(parseSyncCheck('')).toBeNull();
  });
});
