// A CDP connection to the extension's service worker. Playwright opens CDP sessions only on pages,
// so we open one on a blank page and attach from there to the worker target (non-flattened:
// commands travel inside Target.sendMessageToTarget). Used for heap figures (HeapProfiler,
// Runtime.getHeapUsage) and the idle CPU profile (Profiler).
import type { BrowserContext, CDPSession, Page } from '@playwright/test';

interface CdpReply {
  id?: number;
  result?: unknown;
  error?: { message: string };
}

export class WorkerCdp {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(
    private readonly page: Page,
    private readonly session: CDPSession,
    private readonly sessionId: string,
  ) {
    session.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== this.sessionId) return;
      const reply = JSON.parse(event.message) as CdpReply;
      if (reply.id === undefined) return;
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.error) waiter.reject(new Error(reply.error.message));
      else waiter.resolve(reply.result);
    });
  }

  static async open(context: BrowserContext, extensionId: string): Promise<WorkerCdp> {
    // A blank page, not one of ours: an extension page would hold a UI port open to the worker.
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    const { targetInfos } = await session.send('Target.getTargets');
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    if (!worker) throw new Error('the extension service worker target was not found');
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
    return new WorkerCdp(page, session, sessionId);
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (v) => resolve(v as T), reject });
      this.session.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  }

  /** Full GC, then the used JS heap in bytes. */
  async heapUsed(): Promise<number> {
    await this.send('HeapProfiler.collectGarbage');
    const usage = await this.send<{ usedSize: number }>('Runtime.getHeapUsage');
    return usage.usedSize;
  }

  async close(): Promise<void> {
    await this.session.detach().catch(() => undefined);
    await this.page.close().catch(() => undefined);
  }
}
