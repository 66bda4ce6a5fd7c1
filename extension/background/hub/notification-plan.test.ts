import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../../shared/domain.ts';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../shared/settings.ts';
import { planNotifications, SUMMARY_ABOVE } from './notification-plan.ts';

const conversation = (peer: string, extra: Partial<Conversation> = {}): Conversation => ({
  id: `qq:1|${peer}`,
  accountId: 'qq:1',
  service: 'qq',
  peerId: peer,
  title: peer,
  isGroup: false,
  lastAt: 0,
  lastPreview: '',
  unread: 1,
  muted: false,
  ...extra,
});
const message = (peer: string, id: string, extra: Partial<Message> = {}): Message => ({
  key: `qq:1|${id}`,
  serverId: id,
  accountId: 'qq:1',
  conversationId: `qq:1|${peer}`,
  direction: 'in',
  senderId: peer,
  at: 1,
  kind: 'text',
  text: id,
  ...extra,
});
const noon = new Date(2026, 10, 22, 12, 0);
const on = { ...DEFAULT_NOTIFICATION_SETTINGS, enabled: true };

describe('planNotifications', () => {
  it('one notification per conversation, for its newest message', () => {
    const plans = planNotifications(on, [conversation('a'), conversation('b')], [message('a', '1'), message('a', '2'), message('b', '3')], noon);
    expect(plans.map((p) => (p.kind === 'message' ? p.message.serverId : p.kind))).toEqual(['2', '3']);
  });

  it('skips muted conversations, our own messages and replayed history', () => {
    const plans = planNotifications(
      on,
      [conversation('a', { muted: true }), conversation('b')],
      [message('a', '1'), message('b', '2', { direction: 'out' }), message('b', '3', { replay: true })],
      noon,
    );
    expect(plans).toEqual([]);
  });

  it(`summarises a batch that touches more than ${SUMMARY_ABOVE} conversations`, () => {
    const peers = ['a', 'b', 'c', 'd', 'e'];
    const added = peers.flatMap((p) => [message(p, `${p}1`), message(p, `${p}2`)]);
    expect(planNotifications(on, peers.map((p) => conversation(p)), added, noon)).toEqual([{ kind: 'summary', messages: 10, conversations: 5 }]);
  });

  it('nothing at all when notifications are off', () => {
    expect(planNotifications({ ...on, enabled: false }, [conversation('a')], [message('a', '1')], noon)).toEqual([]);
  });
});
