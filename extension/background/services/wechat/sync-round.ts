// One webwxsync round, drained while ContinueFlag != 0 (digest §2.11). INVARIANT 1: the messages
// are handed to the inbox and *stored* (events.messages resolved) before the new SyncKey is kept
// in memory or storage; a crash in between re-delivers them and the inbox dedupes on serverId.
import type { IncomingMessage } from '../../../shared/domain.ts';
import type { ApiFailure } from './api-request.ts';
import { resolveContacts } from './contact-sync.ts';
import { idsToResolve, normalizeMessage } from './messages.ts';
import type { RunContext } from './run-context.ts';
import { webwxsync, type SyncResult } from './session-api.ts';

/** Enough for any backlog; the next synccheck answers non-zero again if more is waiting. */
const MAX_PAGES = 20;
/** Unknown senders resolved per page before normalising (more are resolved on later pages). */
const RESOLVE_CALLS_PER_PAGE = 2;

export type RoundFailure = ApiFailure | { ok: false; kind: 'storage'; reason: string };
export type RoundResult = { ok: true; pages: number } | RoundFailure;

export async function drainSync(ctx: RunContext): Promise<RoundResult> {
  let pages = 0;
  while (pages < MAX_PAGES) {
    if (ctx.signal.aborted) return { ok: false, kind: 'aborted' };
    const result = await webwxsync(ctx.deps, ctx.state, ctx.deps.now(), ctx.signal);
    if (!result.ok) return result;
    pages++;
    const applied = await applySync(ctx, result.value);
    if (!applied.ok) return applied;
    if (result.value.continueFlag === 0) break;
  }
  // The round right after a QR login is history; from now on messages are live.
  ctx.state.replayAll = false;
  return { ok: true, pages };
}

async function applySync(ctx: RunContext, sync: SyncResult): Promise<{ ok: true } | RoundFailure> {
  const { deps, state } = ctx;
  const { events } = deps;
  const batch: IncomingMessage[] = [];
  const recalled: string[] = [];
  const read: string[] = [];
  try {
    if (sync.modified.length > 0) await events.contacts(state.book.merge(sync.modified));
    if (sync.deleted.length > 0) {
      state.book.remove(sync.deleted);
      await events.contacts([], sync.deleted);
    }
  } catch (error) {
    events.diagnostic({ level: 'error', what: 'webwxsync: could not store contacts', raw: String(error) });
  }

  const fresh = sync.messages.filter((m) => !state.hasSeen(m.MsgId));
  const unknown = idsToResolve(fresh, state.book, state.selfId);
  if (unknown.length > 0) await resolveContacts(ctx, unknown, RESOLVE_CALLS_PER_PAGE);

  const context = {
    ...state.mediaHosts(),
    selfId: state.selfId,
    selfName: state.session.self?.name ?? '',
    book: state.book,
    replayBefore: state.session.loginAt,
    replayAll: state.replayAll,
    nowMs: deps.now(),
  };
  for (const raw of fresh) {
    const item = normalizeMessage(raw, context);
    if (item.kind === 'message') batch.push(item.message);
    else if (item.kind === 'recalled') recalled.push(item.serverId);
    else if (item.kind === 'readElsewhere') read.push(item.peerId);
  }

  try {
    if (batch.length > 0) await events.messages(batch);
    for (const id of recalled) await events.recalled(id);
    for (const peer of read) await events.readElsewhere(peer);
  } catch (error) {
    // Not stored: keep the old SyncKey so the server delivers these again.
    events.diagnostic({ level: 'error', what: 'webwxsync: could not store messages', raw: String(error) });
    return { ok: false, kind: 'storage', reason: 'could not store new messages' };
  }

  // Only now advance the cursor, then persist it.
  const s = state.session;
  if (sync.skey) s.skey = sync.skey;
  if (sync.syncKey) {
    s.syncKey = sync.syncKey;
    // synccheck uses SyncCheckKey when the sync returned one, else SyncKey (W4U, IC); an old
    // SyncCheckKey must not outlive the SyncKey it belonged to.
    s.syncCheckKey = sync.syncCheckKey ?? null;
  } else if (sync.syncCheckKey) {
    s.syncCheckKey = sync.syncCheckKey;
  }
  state.remember(sync.messages.map((m) => m.MsgId));
  try {
    await state.persist();
  } catch (error) {
    events.diagnostic({ level: 'error', what: 'session: could not persist', raw: String(error) });
  }
  return { ok: true };
}
