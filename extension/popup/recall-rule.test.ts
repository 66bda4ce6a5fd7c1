import { describe, expect, it } from 'vitest';
import type { Message } from '../shared/domain.ts';
import { RECALL_WINDOW_MS, recallable } from './recall-rule.ts';

const NOW = 1_700_000_000_000;
const sent: Message = {
  key: 'wechat:1|123',
  accountId: 'wechat:1',
  conversationId: 'wechat:1|@abc',
  serverId: '123',
  direction: 'out',
  senderId: '@me',
  at: NOW - 1_000,
  kind: 'text',
  text: 'hi',
  state: 'sent',
};

describe('recallable', () => {
  it('allows a sent WeChat message of ours within two minutes', () => {
    expect(recallable(sent, 'wechat', NOW)).toBe(true);
    expect(recallable({ ...sent, at: NOW - RECALL_WINDOW_MS + 1 }, 'wechat', NOW)).toBe(true);
  });

  it('refuses after the window, and on other services', () => {
    expect(recallable({ ...sent, at: NOW - RECALL_WINDOW_MS }, 'wechat', NOW)).toBe(false);
    expect(recallable(sent, 'qq', NOW)).toBe(false);
    expect(recallable(sent, 'weibo', NOW)).toBe(false);
  });

  it('refuses incoming, unsent, failed and already recalled messages', () => {
    expect(recallable({ ...sent, direction: 'in', state: undefined }, 'wechat', NOW)).toBe(false);
    expect(recallable({ ...sent, state: 'sending', serverId: 'local-x' }, 'wechat', NOW)).toBe(false);
    expect(recallable({ ...sent, serverId: 'local-x' }, 'wechat', NOW)).toBe(false);
    expect(recallable({ ...sent, state: 'failed' }, 'wechat', NOW)).toBe(false);
    expect(recallable({ ...sent, recalled: true }, 'wechat', NOW)).toBe(false);
    expect(recallable({ ...sent, kind: 'recalled' }, 'wechat', NOW)).toBe(false);
  });
});
