// Loading the address book after init and fetching details of groups and unknown senders
// (digest §2.8, §2.9, §4.5: <= 50 names a call, spaced, 1205 on bursts).
import { pause } from './backoff.ts';
import type { RunContext } from './run-context.ts';
import { webwxbatchgetcontact, webwxgetcontact } from './session-api.ts';
import type { RawContact } from './wire.ts';

export const BATCH_SIZE = 50;
/** PW4U got 1205 bursting and settled on 40 names every 2 s; we keep calls >= 2 s apart. */
export const BATCH_GAP_MS = 2_000;
/** A guard against a server whose Seq never reaches 0 or repeats. */
const MAX_CONTACT_PAGES = 100;
/** Group-detail calls right after init (500 groups). */
const MAX_GROUP_CALLS_AT_START = 10;

async function upsert(ctx: RunContext, raws: RawContact[]): Promise<void> {
  if (raws.length === 0) return;
  try {
    await ctx.deps.events.contacts(ctx.state.book.merge(raws));
  } catch (error) {
    // Contacts are a convenience (names); failing to store them must not stop the session.
    ctx.deps.events.diagnostic({ level: 'error', what: 'contacts: could not store', raw: String(error) });
  }
}

/** Fetch details for ids (groups with members, unknown users). Stops at the first failure. */
export async function resolveContacts(ctx: RunContext, ids: string[], maxCalls = Number.POSITIVE_INFINITY): Promise<void> {
  const { deps, state, signal } = ctx;
  for (let start = 0, calls = 0; start < ids.length && calls < maxCalls; start += BATCH_SIZE, calls++) {
    const wait = state.lastBatchAt + BATCH_GAP_MS - deps.now();
    if (wait > 0 && !(await pause(deps.sleep, wait, signal))) return;
    state.lastBatchAt = deps.now();
    const result = await webwxbatchgetcontact(deps, state, ids.slice(start, start + BATCH_SIZE), deps.now(), signal);
    if (!result.ok) return; // logged by the request helper; names stay unknown until next time
    await upsert(ctx, result.value);
  }
}

/** After webwxinit: recent chats, the paged address book, then members of groups that lack them. */
export async function loadContacts(ctx: RunContext, fromInit: RawContact[]): Promise<void> {
  const { deps, state, signal } = ctx;
  await upsert(ctx, fromInit);
  let seq = 0;
  for (let page = 0; page < MAX_CONTACT_PAGES && !signal.aborted; page++) {
    const result = await webwxgetcontact(deps, state, seq, deps.now(), signal);
    if (!result.ok) break;
    await upsert(ctx, result.value.contacts);
    if (result.value.seq === 0 || result.value.seq === seq) break;
    seq = result.value.seq;
  }
  // Bounded so a huge address book does not delay the first sync for minutes; the remaining
  // groups are fetched when a message from them arrives.
  if (!signal.aborted) await resolveContacts(ctx, state.book.groupsWithoutMembers(), MAX_GROUP_CALLS_AT_START);
}
