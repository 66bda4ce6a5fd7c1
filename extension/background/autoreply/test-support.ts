// Builders for the engine's unit tests: a plausible input with every field overridable.
import type { Contact } from '../../shared/domain.ts';
import { DEFAULT_AUTOREPLY_SETTINGS, defaultRule, type AutoReplySettings, type Rule } from '../../shared/rules.ts';
import { emptyHistory } from './history.ts';
import type { AutoReplyMessage, DecideInput } from './types.ts';

/** 2025-06-04 (a Wednesday) 10:00 in Asia/Shanghai. */
export const T0 = Date.UTC(2025, 5, 4, 2, 0, 0);
export const MIN = 60_000;

export function rule(overrides: Partial<Rule> = {}): Rule {
  return { ...defaultRule(overrides.id ?? 'r1', overrides.name ?? 'Away'), reply: '稍后回复你', ...overrides };
}

export function contact(overrides: Partial<Contact> = {}): Contact {
  return { accountId: 'wechat:1', id: '@abc', name: '张三', kind: 'user', ...overrides };
}

export function message(overrides: Partial<AutoReplyMessage> = {}): AutoReplyMessage {
  return { serverId: 'm1', peerId: '@abc', direction: 'in', senderId: '@abc', senderName: '张三', at: T0, kind: 'text', text: '在吗', ...overrides };
}

export function settings(overrides: Partial<AutoReplySettings> = {}): AutoReplySettings {
  return { ...DEFAULT_AUTOREPLY_SETTINGS, enabled: true, ...overrides };
}

export function input(overrides: Partial<DecideInput> = {}): DecideInput {
  return {
    message: message(),
    contact: contact(),
    account: { id: 'wechat:1', service: 'wechat', selfId: '@me' },
    rules: [rule()],
    settings: settings(),
    clock: { now: T0, timeZone: 'Asia/Shanghai' },
    history: emptyHistory(),
    random: () => 0.5,
    ...overrides,
  };
}
