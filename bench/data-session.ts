// The session the popup, burst and memory benchmarks share: one Chromium, one WeChat account with a
// large address book (5,000 contacts by default), the simulator answering up to `syncBatchSize`
// messages per webwxsync. Helpers load messages through the simulator the way the server would
// deliver them and wait until the client has acknowledged them (persisted, then advanced its key).
import { signInWechat } from './accounts.ts';
import { launchExtension, waitFor, type BenchExtension } from './browser.ts';
import { wechatFriendIds } from './reply-latency.ts';
import { startProbedSim, type Probe } from './sim-probe.ts';

export interface DataSession {
  ext: BenchExtension;
  probe: Probe;
  accountId: string;
  friends: string[];
  close(): Promise<void>;
}

interface SessionState {
  sessions: Array<{ lastSeq: number; ackedSeq: number; ended: unknown }>;
}

export async function startDataSession(contacts: number, batch: number, log: (line: string) => void): Promise<DataSession> {
  const { sim, probe, close } = await startProbedSim();
  const ext = await launchExtension(sim).catch(async (e: unknown) => {
    await close();
    throw e;
  });
  try {
    await probe.control('wechat', 'configure', { rateLimits: { send: null, batch: null }, syncBatchSize: batch });
    await probe.control('wechat', 'setAddressBook', { contacts });
    const friends = await wechatFriendIds(probe);
    const started = Date.now();
    const accountId = await signInWechat(ext, probe);
    log(`data session: WeChat online with ${friends.length} friends in the address book (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    probe.logRequests = false;
    return {
      ext,
      probe,
      accountId,
      friends,
      async close() {
        await ext.close();
        await close();
      },
    };
  } catch (error) {
    await ext.close();
    await close();
    throw error;
  }
}

/**
 * Inject text messages synchronously (all land in the next webwxsync), from `senders` round-robin.
 * `extra` goes into each inject (e.g. `ageSeconds`: created before the login, i.e. history).
 */
export function injectBatch(probe: Probe, senders: string[], count: number, offset: number, text: (i: number) => string, extra: Record<string, unknown> = {}): void {
  for (let i = 0; i < count; i += 1) {
    const n = offset + i;
    probe.controlSync('wechat', 'inject', { type: 'text', from: senders[n % senders.length], text: text(n), ...extra });
  }
}

/** Resolves once the client has acknowledged everything the simulator queued for it. */
export async function waitAcknowledged(probe: Probe, timeoutMs = 120_000): Promise<void> {
  await waitFor(
    'the client to acknowledge every message',
    async () => {
      const state = await probe.control<SessionState>('wechat', 'state');
      const live = state.sessions.filter((s) => !s.ended);
      return live.length > 0 && live.every((s) => s.ackedSeq >= s.lastSeq);
    },
    timeoutMs,
    50,
  );
}
