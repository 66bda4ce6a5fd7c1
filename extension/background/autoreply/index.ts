// The auto-reply engine's public surface: pure decisions, the history they read and update, and
// the ledger's states. The worker's flow (hub/reply-decisions.ts), in ONE IndexedDB transaction:
// the one that stores a batch of new messages, or a pass over the reply queue:
//
//   history = historyBatch(stored history)
//   for each new (or queued) message, in order:
//     decision = decide(input with history.current)          // pure
//     history.apply(input, decision)                         // the next decision sees it
//     a reply due now, account online, no ledger entry yet:  put decidedEntry(...)   // the claim
//   commit; then ONE connector.send per claim; ledger.put(recordOutcome(entry, result, now).entry)
//
// A delayed reply is kept as a planned queue item and claimed the same way when due.
// At worker start-up, before anything is sent: await recoverAfterRestart(ledger, now).
export { decide, explain, templateValues } from './decide.ts';
export type { AutoReplyMessage, Decision, DecideInput, Explanation, RuleMissReason, RuleTrace, SkipDecision, SkipFacts, SkipReason } from './types.ts';
export {
  applyDecision,
  emptyHistory,
  historyBatch,
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
