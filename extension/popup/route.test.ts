import { describe, expect, it } from 'vitest';
import { conversationHash, parseRoute } from './route.ts';

describe('route', () => {
  it('round-trips conversation ids with separators', () => {
    const id = 'wechat:1|@abc:def';
    expect(parseRoute(conversationHash(id))).toEqual({ view: 'conversation', id });
  });
  it('falls back to the list', () => {
    expect(parseRoute('')).toEqual({ view: 'list' });
    expect(parseRoute('#/c/%E0%A4%A')).toEqual({ view: 'list' });
  });
});
