// The options page's rule tester: the user types a sample message and picks who it is from;
// this builds a full DecideInput around it and runs the real `explain`. Nothing here is faked
// beyond the sample itself: same rules, same settings, same engine as the worker.
import type { Contact, MessageKind, ServiceId } from '../../shared/domain.ts';
import type { AutoReplySettings, Rule } from '../../shared/rules.ts';
import { explain } from './decide.ts';
import { emptyHistory, type AutoReplyHistory } from './history.ts';
import type { DecideInput, Explanation } from './types.ts';

export interface Sample {
  service: ServiceId;
  text: string;
  kind?: MessageKind;
  /** The sender's nickname; with `remark`, what "chosen contacts" rules match. */
  name: string;
  remark?: string;
  /** Not in the contact list (for "strangers only" rules). */
  stranger?: boolean;
  /** A group message: the group's name, and whether it @-mentions the user. */
  group?: { name: string; mentionsMe: boolean };
}

export interface TesterContext {
  rules: readonly Rule[];
  settings: AutoReplySettings;
  clock: { now: number; timeZone: string };
  locale?: string;
  /** Defaults to an empty history: no cooldown, cap or loop state. */
  history?: AutoReplyHistory;
}

export function sampleInput(sample: Sample, context: TesterContext): DecideInput {
  const accountId = `${sample.service}:tester`;
  const peerId = sample.group ? 'tester-group' : 'tester-peer';
  const contact: Contact | undefined = sample.group
    ? { accountId, id: peerId, name: sample.group.name, kind: 'group' }
    : sample.stranger
      ? undefined
      : { accountId, id: peerId, name: sample.name, ...(sample.remark ? { remark: sample.remark } : {}), kind: 'user' };
  return {
    message: {
      serverId: 'tester',
      peerId,
      direction: 'in',
      senderId: sample.group ? 'tester-member' : peerId,
      senderName: sample.name,
      at: context.clock.now,
      kind: sample.kind ?? 'text',
      text: sample.text,
      mentionsMe: sample.group?.mentionsMe ?? false,
    },
    contact,
    account: { id: accountId, service: sample.service, selfId: 'tester-self' },
    rules: context.rules,
    settings: context.settings,
    clock: context.clock,
    history: context.history ?? emptyHistory(),
    // The middle of each delay range: the tester shows a typical delay, not a random one.
    random: () => 0.5,
    ...(context.locale ? { locale: context.locale } : {}),
  };
}

export function explainSample(sample: Sample, context: TesterContext): Explanation {
  return explain(sampleInput(sample, context));
}
