// The auto-reply engine's public surface. The worker's flow for one new incoming message:
//
//   if (await ledger.get(ledgerKey(...))) return;          // decided before: never again
//   const decision = decide(input);                         // pure
//   history = applyDecision(history, input, decision);      // persist history
//   if (decision.kind !== 'reply') { log(decision.detail); return; }
//   const entry = await claim(ledger, {...decision, ...ids}, now);   // `decided`, BEFORE the send
//   if (!entry) return;                                     // another handler got there first
//   wait decision.delayMs (re-check the master switch; if off: cancel())
//   const result = await connector.send(peerId, { kind: 'text', text: entry.text });  // ONE attempt
//   await ledger.put(recordOutcome(entry, result, now()).entry);
//
// At worker start-up, before anything is sent: await recoverAfterRestart(ledger, now).
export { decide, explain, templateValues } from './decide.ts';
export type { AutoReplyMessage, Decision, DecideInput, Explanation, RuleMissReason, RuleTrace, SkipDecision, SkipFacts, SkipReason } from './types.ts';
export {
  applyDecision,
  emptyHistory,
  noteIncoming,
  parseHistory,
  pruneHistory,
  recordReply,
  HISTORY_LIMITS,
} from './history.ts';
export type { AutoReplyHistory, ConversationHistory, RecentReply, ReplyRecord } from './history.ts';
export { QQ_SYSTEM_IDS, WECHAT_SYSTEM_IDS } from './fixed-rules.ts';
export {
  cancel,
  claim,
  decidedEntry,
  keysToPrune,
  ledgerKey,
  markUnknown,
  recordOutcome,
  recoverAfterRestart,
  LEDGER_RETENTION_MS,
} from './ledger.ts';
export type { DecidedReply, LedgerEntry, LedgerKey, LedgerState, LedgerStore, Transition } from './ledger.ts';
export { memoryLedgerStore } from './ledger-memory.ts';
export { explainSample, sampleInput } from './tester.ts';
export type { Sample, TesterContext } from './tester.ts';
