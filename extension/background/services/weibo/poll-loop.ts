// The loop that performs the machine's steps: it owns the only outstanding connect. Order per
// answer: store what it carried (awaited), then feed the replies to the machine, then persist the
// new state (ack) — so a batch is acknowledged only once its messages are stored (invariant 1).
import type { MachineInput, Plan, StepKind } from './bayeux-machine.ts';
import { connectHoldMs, resume, step } from './bayeux-machine.ts';
import type { OutgoingMessage } from './bayeux-messages.ts';
import { connectMessage, handshakeMessage, imCommands, publishMessage, subscribeMessage } from './bayeux-requests.ts';
import { readDiscovery, webimUrl } from './discovery.ts';
import { splitForUrl } from './poll-url.ts';
import type { WeiboRuntime } from './runtime.ts';
import type { ExchangeOutcome } from './transport.ts';
import { NETWORK_DELAY_MS, exchange } from './transport.ts';

const DISCOVERY_DEADLINE_MS = 15_000;
const REQUEST_DEADLINE_MS = 15_000;

type Performed = MachineInput | 'aborted';

export async function runPollLoop(rt: WeiboRuntime, signal: AbortSignal, stillCurrent: () => boolean): Promise<void> {
  const resumed = await rt.restore();
  rt.report({ status: 'signingIn', reason: resumed ? 'Resuming the Weibo IM session' : 'Connecting to Weibo IM' });
  // The account id is the uid, so our identity is known before any request.
  await rt.deps.events.self(rt.uid, rt.deps.account.label || rt.uid);
  let plan: Plan = resume(rt.state);
  while (!signal.aborted && stillCurrent()) {
    rt.state = plan.state;
    await rt.persist();
    if (plan.status) rt.report(plan.status);
    if (plan.step === 'stop') return;
    if (plan.delayMs > 0) {
      try {
        await rt.deps.sleep(plan.delayMs, signal);
      } catch {
        return;
      }
    }
    if (signal.aborted || !stillCurrent()) return;
    const input = await perform(rt, plan.step, signal);
    if (input === 'aborted' || !stillCurrent()) return;
    plan = step(rt.state, input, rt.deps.random());
    if (input.kind === 'replies' && plan.status && plan.status.status !== 'online') {
      rt.diagnose('warn', `weibo ${input.request}: ${plan.status.reason ?? plan.status.status}`, JSON.stringify(input.replies));
    }
  }
}

async function perform(rt: WeiboRuntime, kind: StepKind, signal: AbortSignal): Promise<Performed> {
  switch (kind) {
    case 'discover':
      return discover(rt, signal);
    case 'handshake':
      return metaExchange(rt, 'handshake', [handshakeMessage(rt.nextId(), rt.deps.now())], REQUEST_DEADLINE_MS, signal);
    case 'connect': {
      const clientId = rt.state.clientId;
      if (!clientId) return { kind: 'failed', request: 'connect', reason: 'no session to connect with', code: 'client:no-session' };
      const message = connectMessage(rt.state, clientId, rt.nextId());
      return metaExchange(rt, 'connect', [message], connectHoldMs(rt.state) + NETWORK_DELAY_MS, signal);
    }
    case 'subscribe':
      return subscribe(rt, signal);
    case 'stop':
      return 'aborted';
  }
}

async function discover(rt: WeiboRuntime, signal: AbortSignal): Promise<Performed> {
  await rt.setReferer();
  const callback = rt.nextCallback();
  const outcome = await rt.deps.http({ url: webimUrl(rt.uid, callback, rt.deps.now()), deadlineMs: DISCOVERY_DEADLINE_MS, signal });
  if (!outcome.ok) {
    if (outcome.failure === 'aborted') return 'aborted';
    rt.diagnose('warn', `webim.jsp: ${outcome.message}`);
    return { kind: 'failed', request: 'discover', reason: `webim.jsp: ${outcome.message}`, code: `net:${outcome.failure}` };
  }
  const landed = new URL(outcome.url || 'http://nas.im.api.weibo.com/').hostname;
  if (landed !== 'nas.im.api.weibo.com') {
    rt.diagnose('info', `webim.jsp redirected to ${landed}`, outcome.text);
    return { kind: 'loginRequired', reason: 'Sign in to weibo.com in this browser (Weibo sent us to its login page)' };
  }
  if (outcome.status !== 200) {
    rt.diagnose('warn', `webim.jsp: HTTP ${outcome.status}`, outcome.text);
    return { kind: 'failed', request: 'discover', reason: `webim.jsp answered HTTP ${outcome.status}`, code: `http:${outcome.status}` };
  }
  const found = readDiscovery(outcome.text, callback);
  if (found.kind === 'loginRequired') return { kind: 'loginRequired', reason: found.reason };
  if (found.kind === 'failed') {
    rt.diagnose('warn', `webim.jsp: ${found.reason}`, found.raw);
    return { kind: 'failed', request: 'discover', reason: found.reason, code: found.code };
  }
  rt.state = { ...rt.state, endpoint: found.endpoint };
  await rt.setReferer();
  return { kind: 'discovered', endpoint: found.endpoint };
}

async function metaExchange(
  rt: WeiboRuntime,
  request: 'handshake' | 'connect' | 'subscribe',
  messages: OutgoingMessage[],
  deadlineMs: number,
  signal: AbortSignal,
): Promise<Performed> {
  const endpoint = rt.state.endpoint;
  const first = messages[0];
  if (!endpoint || !first) return { kind: 'failed', request, reason: 'no IM server known', code: 'client:no-endpoint' };
  const outcome = await exchange(rt.deps.http, { endpointUrl: endpoint.url, callback: rt.nextCallback(), messages, deadlineMs, signal });
  return absorbed(rt, request, first.id, outcome);
}

async function absorbed(rt: WeiboRuntime, request: 'handshake' | 'connect' | 'subscribe', id: string, outcome: ExchangeOutcome): Promise<Performed> {
  if (!outcome.ok) {
    if (outcome.aborted) return 'aborted';
    rt.diagnose('warn', `weibo ${request}: ${outcome.reason}`, outcome.raw);
    return { kind: 'failed', request, reason: outcome.reason, code: outcome.code };
  }
  const channel = rt.state.endpoint?.channel ?? '';
  try {
    await rt.inbound.absorb(outcome.replies, channel);
  } catch (error) {
    // Not stored -> not acknowledged: the next connect echoes the old batch and Weibo re-sends.
    const reason = `could not store incoming messages: ${error instanceof Error ? error.message : String(error)}`;
    rt.diagnose('error', `weibo ${request}: ${reason}`);
    return { kind: 'failed', request, reason, code: 'inbox:store' };
  }
  return { kind: 'replies', request, id, replies: outcome.replies };
}

/** Subscribe our channel, batched with the roster/recents/settings requests (seed 000, B.4). */
async function subscribe(rt: WeiboRuntime, signal: AbortSignal): Promise<Performed> {
  const { endpoint, clientId } = rt.state;
  if (!endpoint || !clientId) return { kind: 'failed', request: 'subscribe', reason: 'no session to subscribe with', code: 'client:no-session' };
  const subscription = subscribeMessage(endpoint.channel, clientId, rt.nextId());
  const requests = [imCommands.roster(), imCommands.recents(), imCommands.usersetting()].map((data) => publishMessage(data, clientId, rt.nextId()));
  const callback = rt.nextCallback();
  const split = splitForUrl(endpoint.url, callback, [subscription, ...requests]);
  const batches = split.ok ? split.batches : [[subscription]];
  const [firstBatch = [subscription], ...rest] = batches;
  const outcome = await exchange(rt.deps.http, { endpointUrl: endpoint.url, callback, messages: firstBatch, deadlineMs: REQUEST_DEADLINE_MS, signal });
  const result = await absorbed(rt, 'subscribe', subscription.id, outcome);
  for (const batch of result !== 'aborted' && result.kind === 'replies' ? rest : []) {
    const extra = await exchange(rt.deps.http, { endpointUrl: endpoint.url, callback: rt.nextCallback(), messages: batch, deadlineMs: REQUEST_DEADLINE_MS, signal });
    if (!extra.ok) rt.diagnose('warn', `weibo /im/req: ${extra.reason}`, extra.raw);
    else await rt.inbound.absorb(extra.replies, endpoint.channel).catch(() => undefined);
  }
  return result;
}
