// Requests beside the long poll: sending a DM and marking a conversation read, one at a time
// (D.2 rule 3: at most one other request in flight). A DM is attempted exactly once (D.2 rule 6):
// nothing here retries, and the result waits for Weibo's `{ret, dmid}` answer on our channel.
import type { SendResult } from '../../../shared/domain.ts';
import type { CommandResult } from '../connector.ts';
import type { BayeuxReply } from './bayeux-messages.ts';
import { isUnknownClient } from './bayeux-messages.ts';
import { IM_REQUEST_CHANNEL, imCommands, publishMessage } from './bayeux-requests.ts';
import { splitForUrl } from './poll-url.ts';
import { timeOf } from './pushes.ts';
import type { WeiboRuntime } from './runtime.ts';
import { exchange } from './transport.ts';

const PUBLISH_DEADLINE_MS = 15_000;
/** How long a send waits for `{ret: 0, dmid}` after the publish itself was accepted. */
export const SEND_CONFIRM_MS = 10_000;

export class RequestLane {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

type Published = { ok: true; reply: BayeuxReply } | { ok: false; error: string; retryable: boolean };

async function publish(rt: WeiboRuntime, data: Record<string, unknown>, id: string): Promise<Published> {
  const { endpoint, clientId } = rt.state;
  if (!endpoint || !clientId || !rt.online) return { ok: false, error: 'Not connected to Weibo IM right now', retryable: true };
  const message = publishMessage(data, clientId, id);
  const callback = rt.nextCallback();
  const split = splitForUrl(endpoint.url, callback, [message]);
  if (!split.ok) {
    return {
      ok: false,
      error: `Message too long for Weibo IM: it needs a ${split.length}-character request and the limit is ${split.limit}. Shorten it or split it into several messages.`,
      retryable: false,
    };
  }
  const outcome = await exchange(rt.deps.http, { endpointUrl: endpoint.url, callback, messages: [message], deadlineMs: PUBLISH_DEADLINE_MS });
  if (!outcome.ok) {
    rt.diagnose('warn', `weibo /im/req ${String(data['cmd'])}: ${outcome.reason}`, outcome.raw);
    // An HTTP error page means the server did not take it; a lost connection leaves it unknown.
    const definite = outcome.httpStatus !== undefined;
    return { ok: false, error: `Not sent: ${outcome.reason}${definite ? '' : ' (it may or may not have arrived)'}`, retryable: definite };
  }
  await rt.inbound.absorb(outcome.replies, endpoint.channel).catch(() => undefined);
  const reply = outcome.replies.find((r) => r.channel === IM_REQUEST_CHANNEL && r.id === id);
  if (!reply) {
    rt.diagnose('warn', 'weibo /im/req: no reply to our publish', JSON.stringify(outcome.replies));
    return { ok: false, error: 'The IM server did not answer the request', retryable: false };
  }
  if (reply.successful === false) {
    rt.diagnose('warn', `weibo /im/req refused: ${reply.error ?? ''}`, JSON.stringify(outcome.replies));
    return { ok: false, error: `Weibo refused it${reply.error ? `: ${reply.error}` : ''}`, retryable: isUnknownClient(reply) };
  }
  return { ok: true, reply };
}

export async function sendDm(rt: WeiboRuntime, peerId: string, text: string): Promise<SendResult> {
  const id = rt.nextId();
  const seq = `sb${id}`;
  const confirmation = rt.inbound.expect(id);
  const published = await publish(rt, imCommands.msg(peerId, text, seq), id);
  if (!published.ok) {
    confirmation.cancel();
    return published;
  }
  const timer = new AbortController();
  const timedOut = rt.deps.sleep(SEND_CONFIRM_MS, timer.signal).then(
    () => undefined,
    () => undefined,
  );
  const answer = await Promise.race([confirmation.promise, timedOut]);
  timer.abort();
  confirmation.cancel();
  const now = rt.deps.now();
  // Accepted by Bayeux but Weibo's own answer never came: the publish ack is all we know (decision 12).
  if (!answer) return { ok: true, serverId: `seq-${seq}`, at: now };
  if (answer.ret !== 0) {
    const why = typeof answer.data['error'] === 'string' ? `: ${answer.data['error']}` : '';
    return { ok: false, error: `Weibo refused the message (ret ${answer.ret}${why})`, retryable: false };
  }
  const dmid = answer.data['dmid'];
  const serverId = typeof dmid === 'string' || typeof dmid === 'number' ? String(dmid) : `seq-${seq}`;
  return { ok: true, serverId, at: timeOf(answer.data['time'], now) };
}

export async function markRead(rt: WeiboRuntime, peerId: string): Promise<CommandResult> {
  const published = await publish(rt, imCommands.dmread(peerId), rt.nextId());
  return published.ok ? { ok: true } : { ok: false, error: published.error };
}
