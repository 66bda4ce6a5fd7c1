// The engine's input and output. `decide` is pure: everything it needs comes in here, so the
// worker, the options-page tester and the tests all call it the same way.
import type { Account, Contact, IncomingMessage } from '../../shared/domain.ts';
import type { AutoReplySettings, Rule } from '../../shared/rules.ts';
import type { AutoReplyHistory } from './history.ts';

/** The fields of an incoming message the engine reads (an IncomingMessage fits as is). */
export type AutoReplyMessage = Pick<
  IncomingMessage,
  'serverId' | 'peerId' | 'direction' | 'senderId' | 'senderName' | 'at' | 'kind' | 'text' | 'replay' | 'mentionsMe' | 'recalled'
>;

export interface DecideInput {
  message: AutoReplyMessage;
  /** The conversation's peer (the person, or the group) from the contact list; undefined = not a contact. */
  contact: Contact | undefined;
  account: Pick<Account, 'id' | 'service' | 'selfId'>;
  rules: readonly Rule[];
  settings: AutoReplySettings;
  /** `now` in ms since the epoch; `timeZone` is the user's IANA zone (e.g. 'Asia/Shanghai'). */
  clock: { now: number; timeZone: string };
  history: AutoReplyHistory;
  /**
   * When the user last wrote in this conversation themselves (from any device), excluding our
   * auto-replies. Undefined when never or unknown.
   */
  lastUserWriteAt?: number;
  /** Uniform in [0, 1): the delay jitter. Injected so tests are deterministic. */
  random: () => number;
  /** Language of {service} and of nothing else: 'zh' gives 微信/微博, anything else WeChat/Weibo. */
  locale?: string;
}

export type SkipReason =
  // fixed rules: no setting turns these off
  | 'outgoing'
  | 'self'
  | 'system-sender'
  | 'system-message'
  | 'recalled'
  | 'replay'
  | 'stale'
  | 'loop-detected'
  | 'loop-paused'
  // settings
  | 'switched-off'
  | 'user-active'
  | 'cap-minute'
  | 'cap-hour'
  | 'cap-day'
  // rules
  | 'no-rule'
  | 'cooldown'
  | 'empty-reply';

/** Values behind a skip, so a page can word it in the user's language instead of `detail`. */
export type SkipFacts = Record<string, string | number>;

export type Decision =
  | {
      kind: 'reply';
      /** The first rule whose text is in the reply. */
      ruleId: string;
      ruleName: string;
      /** Every rule that contributed text (more than one only through `continue`). */
      ruleIds: string[];
      text: string;
      delayMs: number;
    }
  | {
      kind: 'skip';
      reason: SkipReason;
      /** English sentence for logs and the tester, e.g. "cooldown: last reply to 张三 3 min ago, rule “Away” waits 10 min". */
      detail: string;
      facts: SkipFacts;
      /** loop-detected only: the worker records this pause (applyDecision does it). */
      pauseUntil?: number;
    };

/** The skip half of Decision. */
export type SkipDecision = Extract<Decision, { kind: 'skip' }>;

export type RuleMissReason = 'disabled' | 'service' | 'group' | 'who' | 'kind' | 'match' | 'schedule';

/**
 * What the tester shows for each rule, in order. `chosen`: its text is in the reply (or would be,
 * had a fixed rule, a setting or a cap not stopped the reply).
 */
export type RuleTrace = { ruleId: string; ruleName: string } & (
  | { status: 'chosen'; detail: string }
  | { status: 'cooldown'; detail: string }
  | { status: 'missed'; reason: RuleMissReason; detail: string }
  /** Matches, but an earlier rule already answered (and did not say continue). */
  | { status: 'shadowed'; detail: string }
);

export interface Explanation {
  rules: RuleTrace[];
  decision: Decision;
}
