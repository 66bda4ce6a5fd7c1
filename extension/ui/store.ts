// The pages' state: a vanilla zustand store fed by worker events. It holds what is on screen; the
// full history stays in IndexedDB (read with db-reader.ts).
import { createStore } from 'zustand/vanilla';
import type { Account, AccountState, Conversation, Message } from '../shared/domain.ts';
import type { AllSettings, Snapshot, UiEvent } from '../shared/messages.ts';
import type { LedgerEntry } from '../background/autoreply/ledger.ts';
import { sameValue } from './same-records.ts';

export interface UiState {
  connected: boolean;
  bootId: string;
  accounts: Account[];
  states: Record<string, AccountState>;
  weiboUidSeen?: string;
  conversations: Record<string, Conversation>;
  /** Messages of conversations loaded on screen, by conversation id, oldest first. */
  messages: Record<string, Message[]>;
  /** Bumped when an account's contacts change, so lists reload from IndexedDB. */
  contactsVersion: number;
  /** Known once a page asked (getSettings) or the worker announced a change. */
  settings?: AllSettings;
  /** The newest auto-reply ledger change (the options log listens for it). */
  lastAutoReply?: LedgerEntry;
}

export const initialUiState = (): UiState => ({
  connected: false,
  bootId: '',
  accounts: [],
  states: {},
  conversations: {},
  messages: {},
  contactsVersion: 0,
});

export function applySnapshot(state: UiState, snapshot: Snapshot): UiState {
  return {
    ...state,
    connected: true,
    bootId: snapshot.bootId,
    accounts: snapshot.accounts,
    states: Object.fromEntries(snapshot.states.map((s) => [s.accountId, s])),
    weiboUidSeen: snapshot.weiboUidSeen,
  };
}

function mergeMessage(list: Message[], message: Message, replaceKey?: string): Message[] {
  const without = list.filter((m) => m.key !== message.key && m.key !== replaceKey);
  const next = [...without, message];
  next.sort((a, b) => a.at - b.at);
  return next;
}

/** Pure: the next state after one worker event. */
export function reduce(state: UiState, event: UiEvent): UiState {
  switch (event.type) {
    case 'snapshot':
      return applySnapshot(state, event.snapshot);
    case 'state':
      return { ...state, states: { ...state.states, [event.state.accountId]: event.state } };
    case 'conversations': {
      const conversations = { ...state.conversations };
      for (const c of event.conversations) conversations[c.id] = c;
      return { ...state, conversations };
    }
    case 'messages': {
      const messages = { ...state.messages };
      for (const m of event.messages) {
        const loaded = messages[m.conversationId];
        if (loaded) messages[m.conversationId] = mergeMessage(loaded, m);
      }
      return { ...state, messages };
    }
    case 'messageReplaced': {
      const loaded = state.messages[event.message.conversationId];
      if (!loaded) return state;
      return { ...state, messages: { ...state.messages, [event.message.conversationId]: mergeMessage(loaded, event.message, event.oldKey) } };
    }
    case 'contactsChanged':
      return { ...state, contactsVersion: state.contactsVersion + 1 };
    case 'historyCleared':
      return { ...state, conversations: {}, messages: {} };
    case 'settings':
      return { ...state, settings: event.settings };
    case 'autoReply':
      return { ...state, lastAutoReply: event.entry };
  }
}

export const createUiStore = () => createStore<UiState>(() => initialUiState());
export type UiStore = ReturnType<typeof createUiStore>;

/**
 * Conversations read from IndexedDB. Live events win: anything already in the store came from an
 * event, which is at least as new as the read (the worker persists before it broadcasts).
 */
export function seedConversations(state: UiState, fromDb: Conversation[]): UiState {
  const conversations = { ...state.conversations };
  for (const c of fromDb) if (!conversations[c.id]) conversations[c.id] = c;
  return { ...state, conversations };
}

/**
 * Conversations read again from IndexedDB after an earlier read (`firstRead`, by id) seeded the
 * store. A record still exactly as first read (no event replaced it) or missing takes the new read;
 * one an event brought is newer than any read and stays. Unchanged state when nothing differs.
 */
export function refreshConversations(state: UiState, firstRead: ReadonlyMap<string, Conversation>, fromDb: Conversation[]): UiState {
  let conversations: Record<string, Conversation> | undefined;
  for (const c of fromDb) {
    const held = state.conversations[c.id];
    if (held !== undefined && (held !== firstRead.get(c.id) || sameValue(held, c))) continue;
    conversations ??= { ...state.conversations };
    conversations[c.id] = c;
  }
  return conversations ? { ...state, conversations } : state;
}

/** Mark a conversation as on screen first, so live messages for it are kept while its history loads. */
export function openMessages(state: UiState, conversationId: string): UiState {
  if (state.messages[conversationId]) return state;
  return { ...state, messages: { ...state.messages, [conversationId]: [] } };
}

/** History read from IndexedDB (a first or an older page). Messages already held are newer copies. */
export function seedMessages(state: UiState, conversationId: string, fromDb: Message[]): UiState {
  const held = state.messages[conversationId] ?? [];
  const keys = new Set(held.map((m) => m.key));
  const merged = [...fromDb.filter((m) => !keys.has(m.key)), ...held];
  merged.sort((a, b) => a.at - b.at);
  return { ...state, messages: { ...state.messages, [conversationId]: merged } };
}
