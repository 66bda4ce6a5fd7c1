// Test helper: runs the extension's Weibo connector in Node against the simulator. ConnectorDeps
// are implemented with the cookie-keeping Node client (hosts mapped to the simulator), an
// in-memory slot store that outlives a connector (to model worker death), and recorded events.
import type { Contact, IncomingMessage } from '../../../extension/shared/domain.ts';
import type { ConnectorDeps, DiagnosticReport, StatusReport } from '../../../extension/background/services/connector.ts';
import type { Connector } from '../../../extension/background/services/connector.ts';
import { createWeiboConnector } from '../../../extension/background/services/weibo/index.ts';
import type { NodeHttp } from './node-http.ts';

export interface Recorded {
  statuses: StatusReport[];
  messages: IncomingMessage[];
  contacts: Map<string, Omit<Contact, 'accountId'>>;
  readElsewhere: string[];
  diagnostics: DiagnosticReport[];
  self: { id: string; label: string }[];
}

export interface RunningConnector {
  connector: Connector;
  recorded: Recorded;
  /** The worker dies: the loop is aborted wherever it is. */
  stop(): Promise<void>;
}

export function newRecorded(): Recorded {
  return { statuses: [], messages: [], contacts: new Map(), readElsewhere: [], diagnostics: [], self: [] };
}

export interface HarnessOptions {
  /** Backoffs and intervals are shortened to at most this, so tests stay quick. */
  maxSleepMs?: number;
  /** The inbox fails this many times to store a batch (a full disk, a closed database). */
  failStores?: number;
}

export function startConnector(http: NodeHttp, uid: string, store: Map<string, unknown>, recorded = newRecorded(), options: HarnessOptions = {}): RunningConnector {
  const seen = new Set(recorded.messages.map((m) => m.serverId));
  const maxSleepMs = options.maxSleepMs ?? 1000;
  let failStores = options.failStores ?? 0;
  const deps: ConnectorDeps = {
    account: { id: `weibo:${uid}`, service: 'weibo', label: '测试账号', enabled: true, createdAt: 0 },
    events: {
      status: (report) => void recorded.statuses.push(report),
      self: async (id, label) => void recorded.self.push({ id, label }),
      contacts: async (upsert) => {
        for (const contact of upsert) recorded.contacts.set(contact.id, { ...recorded.contacts.get(contact.id), ...contact });
      },
      messages: async (batch) => {
        if (failStores > 0) {
          failStores -= 1;
          throw new Error('simulated IndexedDB failure');
        }
        const added: string[] = [];
        for (const message of batch) {
          if (seen.has(message.serverId)) continue;
          seen.add(message.serverId);
          recorded.messages.push(message);
          added.push(message.serverId);
        }
        return { added };
      },
      recalled: async () => undefined,
      readElsewhere: async (peerId) => void recorded.readElsewhere.push(peerId),
      diagnostic: (report) => void recorded.diagnostics.push(report),
    },
    http: (request) => http.request(request),
    slot: <T>(name: string) => ({
      get: async () => store.get(name) as T | undefined,
      set: async (value: T) => void store.set(name, structuredClone(value)),
      clear: async () => void store.delete(name),
    }),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const timer = setTimeout(resolve, Math.min(ms, maxSleepMs));
        signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
      }),
    now: () => Date.now(),
    random: () => Math.random(),
    setRequestHeaders: async (rules) => {
      for (const rule of rules) for (const host of rule.hosts) http.hostHeaders.set(host, { ...rule.set });
    },
    cookie: async () => undefined,
  };
  const connector = createWeiboConnector(deps);
  const controller = new AbortController();
  const running = connector.start(controller.signal);
  return {
    connector,
    recorded,
    async stop() {
      controller.abort(new Error('worker stopped'));
      await running;
    },
  };
}

export const lastStatus = (recorded: Recorded): StatusReport | undefined => recorded.statuses.at(-1);
