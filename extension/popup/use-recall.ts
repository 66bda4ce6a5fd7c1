// Recalling one's own WeChat message (webwxrevokemsg) from the conversation view. The view
// re-renders when the next recall window closes, so the action disappears on time without polling.
import { useEffect, useState } from 'preact/hooks';
import type { Message, ServiceId } from '../shared/domain.ts';
import { RequestError, type WorkerConnection } from '../ui/connection.ts';
import { RECALL_WINDOW_MS, recallable } from './recall-rule.ts';

export interface Recall {
  /** Keys recalled from this page: shown as recalled at once, before the worker's echo arrives. */
  done: ReadonlySet<string>;
  /** Keys with a recall in flight. */
  pending: ReadonlySet<string>;
  can: (m: Message) => boolean;
  recall: (m: Message) => Promise<void>;
}

export function useRecall(connection: WorkerConnection, service: ServiceId, peerId: string, messages: Message[], onError: (text: string) => void, clock: () => number = Date.now): Recall {
  const [, setTick] = useState(0);
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const now = clock();

  // One timer, for the next message whose window closes.
  const nextClose = messages.reduce((soonest, m) => (recallable(m, service, now) ? Math.min(soonest, m.at + RECALL_WINDOW_MS) : soonest), Infinity);
  useEffect(() => {
    if (nextClose === Infinity) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, nextClose - clock()) + 50);
    return () => clearTimeout(timer);
  }, [nextClose]);

  const recall = async (m: Message) => {
    setPending((s) => new Set(s).add(m.key));
    try {
      await connection.request('accountCommand', { accountId: m.accountId, command: { kind: 'revoke', serverId: m.serverId, peerId } });
      setDone((s) => new Set(s).add(m.key));
    } catch (error) {
      onError(error instanceof RequestError ? error.message : String(error));
    } finally {
      setPending((s) => {
        const next = new Set(s);
        next.delete(m.key);
        return next;
      });
    }
  };

  return { done, pending, can: (m) => !done.has(m.key) && recallable(m, service, now), recall };
}
