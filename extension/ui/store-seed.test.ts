import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../shared/domain.ts';
import { initialUiState, openMessages, reduce, refreshConversations, seedConversations, seedMessages } from './store.ts';

const conv = (id: string, unread: number, lastAt = 1): Conversation => ({
  id, accountId: 'qq:1', service: 'qq', peerId: id.split('|')[1] ?? id, title: id, isGroup: false, lastAt, lastPreview: '', unread, muted: false,
});
const msg = (key: string, at: number): Message => ({
  key, accountId: 'qq:1', conversationId: 'qq:1|2', serverId: key, direction: 'in', senderId: '2', at, kind: 'text', text: key,
});

describe('seeding the store from IndexedDB', () => {
  it('keeps conversations that live events already brought (they are newer)', () => {
    let state = reduce(initialUiState(), { type: 'conversations', conversations: [conv('qq:1|2', 0, 5)] });
    state = seedConversations(state, [conv('qq:1|2', 3, 4), conv('qq:1|3', 1)]);
    expect(state.conversations['qq:1|2']?.unread).toBe(0);
    expect(state.conversations['qq:1|3']?.unread).toBe(1);
  });

  it('keeps a message that arrived while the history was being read', () => {
    let state = openMessages(initialUiState(), 'qq:1|2');
    state = reduce(state, { type: 'messages', messages: [msg('live', 30)] });
    state = seedMessages(state, 'qq:1|2', [msg('a', 10), msg('b', 20)]);
    expect(state.messages['qq:1|2']?.map((m) => m.key)).toEqual(['a', 'b', 'live']);
    // An older page goes in front; a copy already held is not duplicated.
    state = seedMessages(state, 'qq:1|2', [msg('old', 5), msg('a', 10)]);
    expect(state.messages['qq:1|2']?.map((m) => m.key)).toEqual(['old', 'a', 'b', 'live']);
  });

  it('drops live messages of conversations not on screen', () => {
    const state = reduce(initialUiState(), { type: 'messages', messages: [msg('x', 1)] });
    expect(state.messages).toEqual({});
  });
});

describe('reading the inbox again once the worker has the page', () => {
  it('updates what no event replaced, adds what the first read missed, keeps what events brought', () => {
    const first = [conv('qq:1|2', 1, 4), conv('qq:1|3', 0, 3)];
    let state = seedConversations(initialUiState(), first);
    const firstRead = new Map(first.map((c) => [c.id, c]));
    state = reduce(state, { type: 'conversations', conversations: [conv('qq:1|3', 0, 9)] });
    state = refreshConversations(state, firstRead, [conv('qq:1|2', 2, 5), conv('qq:1|3', 4, 6), conv('qq:1|4', 1, 7)]);
    expect(state.conversations['qq:1|2']).toMatchObject({ unread: 2, lastAt: 5 });
    expect(state.conversations['qq:1|3']).toMatchObject({ unread: 0, lastAt: 9 });
    expect(state.conversations['qq:1|4']).toMatchObject({ unread: 1, lastAt: 7 });
  });

  it('returns the same state when the second read found nothing new', () => {
    const first = [conv('qq:1|2', 1, 4)];
    const state = seedConversations(initialUiState(), first);
    const firstRead = new Map(first.map((c) => [c.id, c]));
    expect(refreshConversations(state, firstRead, [conv('qq:1|2', 1, 4)])).toBe(state);
  });
});
