// Chromium driven over --remote-debugging-pipe with raw CDP, attaching only to the targets we
// choose. Playwright auto-attaches to service workers, and an attached debugger cancels the
// worker's idle timeout; this client never touches the worker, so the worker lives exactly as it
// would for a user (mv3-platform.md §2.3).
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

type Pending = { resolve: (value: Record<string, unknown>) => void; reject: (error: Error) => void };

export class CdpPipeBrowser {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffer = '';

  private constructor(private readonly child: ChildProcess) {
    const fromBrowser = child.stdio[4] as Readable;
    fromBrowser.setEncoding('utf8');
    fromBrowser.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const message = JSON.parse(this.buffer.slice(0, end)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
        this.buffer = this.buffer.slice(end + 1);
        const waiter = message.id !== undefined ? this.pending.get(message.id) : undefined;
        if (!waiter || message.id === undefined) continue;
        this.pending.delete(message.id);
        if (message.error) waiter.reject(new Error(message.error.message));
        else waiter.resolve(message.result ?? {});
      }
    });
  }

  static launch(executable: string, args: string[]): CdpPipeBrowser {
    const child = spawn(executable, ['--remote-debugging-pipe', ...args, 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    return new CdpPipeBrowser(child);
  }

  send(method: string, params: object = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const toBrowser = this.child.stdio[3] as Writable;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  async targets(): Promise<{ targetId: string; type: string; url: string }[]> {
    const { targetInfos } = (await this.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    return targetInfos;
  }

  /** Open a page, evaluate an expression in it (awaiting promises), close it again. */
  async evaluateInPage<T>(url: string, expression: string): Promise<T> {
    const { targetId } = (await this.send('Target.createTarget', { url })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    try {
      for (;;) {
        // A new target starts as about:blank, which is `complete` at once: wait for OUR page.
        const probe = `location.href.startsWith(${JSON.stringify(url)}) && document.readyState === 'complete'`;
        const ready = (await this.send('Runtime.evaluate', { expression: probe, returnByValue: true }, sessionId)) as { result: { value?: boolean } };
        if (ready.result.value === true) break;
      }
      const reply = (await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId)) as {
        result: { value: T };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (reply.exceptionDetails) throw new Error(`page threw: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
      return reply.result.value;
    } finally {
      await this.send('Target.closeTarget', { targetId });
    }
  }

  close(): void {
    this.child.kill('SIGTERM');
  }
}
