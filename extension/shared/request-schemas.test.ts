import { describe, expect, it } from 'vitest';
import { parseRequest } from './request-schemas.ts';

describe('parseRequest', () => {
  it('accepts a well-formed request and returns the typed payload', () => {
    const parsed = parseRequest({ type: 'sendText', payload: { conversationId: 'qq:10001|20002', text: '你好, a&b' } });
    expect(parsed).toEqual({ ok: true, request: { type: 'sendText', payload: { conversationId: 'qq:10001|20002', text: '你好, a&b' } } });
  });

  it('rejects unknown types, including prototype names', () => {
    for (const type of ['sendEverything', 'toString', '__proto__', 'constructor', 42, undefined]) {
      const parsed = parseRequest({ type, payload: {} });
      expect(parsed.ok).toBe(false);
    }
  });

  it('rejects non-objects', () => {
    for (const raw of [null, 'snapshot', 3, []]) expect(parseRequest(raw).ok).toBe(false);
  });

  it('names the field that failed', () => {
    const parsed = parseRequest({ type: 'addAccount', payload: { service: 'qq', localId: '12ab' } });
    expect(parsed).toMatchObject({ ok: false });
    expect(!parsed.ok && parsed.error).toContain('localId');
  });

  it('refuses plain-text passwords: only an MD5 digest is accepted', () => {
    const parsed = parseRequest({ type: 'setPassword', payload: { accountId: 'qq:10001', passwordMd5: 'hunter2' } });
    expect(parsed.ok).toBe(false);
  });

  it('validates nested commands by kind', () => {
    expect(parseRequest({ type: 'accountCommand', payload: { accountId: 'qq:1', command: { kind: 'setPresence', presence: 'busy' } } }).ok).toBe(true);
    expect(parseRequest({ type: 'accountCommand', payload: { accountId: 'qq:1', command: { kind: 'setPresence', presence: 'invisible' } } }).ok).toBe(false);
    expect(parseRequest({ type: 'accountCommand', payload: { accountId: 'qq:1', command: { kind: 'formatDisk' } } }).ok).toBe(false);
  });

  it('bounds text sizes', () => {
    expect(parseRequest({ type: 'sendText', payload: { conversationId: 'a', text: 'x'.repeat(20_001) } }).ok).toBe(false);
    expect(parseRequest({ type: 'sendText', payload: { conversationId: 'a', text: '' } }).ok).toBe(false);
  });
});
