// fetch with a deadline, the worker keepalive, and outcomes as values instead of exceptions.
// Every protocol request goes through here: it is the one place that knows a pending fetch alone
// does not keep an MV3 worker alive (measured, ../shared/protocols/mv3-platform.md §1.2).
import { trackInFlight } from './keepalive.ts';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  /** Ordinary headers only; Referer/Origin go through declarativeNetRequest (ConnectorDeps.setRequestHeaders). */
  headers?: Record<string, string>;
  body?: string | Uint8Array | FormData | Blob;
  /** The whole exchange, headers and body, must finish within this many ms. */
  deadlineMs: number;
  /** Abort early, e.g. when the account is stopped. */
  signal?: AbortSignal;
  /** 'text' (default) or 'bytes' for images and files. */
  responseType?: 'text' | 'bytes';
  /** Send the browser's cookies for the host (default true: sessions live in the cookie jar). */
  withCookies?: boolean;
}

export type HttpFailure = 'timeout' | 'network' | 'aborted';

export type HttpOutcome =
  | { ok: true; status: number; headers: Headers; text: string; bytes?: Uint8Array; url: string }
  | { ok: false; failure: HttpFailure; message: string };

export async function httpRequest(request: HttpRequest): Promise<HttpOutcome> {
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(new DOMException('deadline', 'TimeoutError')), request.deadlineMs);
  const onAbort = () => controller.abort(request.signal?.reason);
  request.signal?.addEventListener('abort', onAbort, { once: true });
  const release = trackInFlight();
  try {
    if (request.signal?.aborted) return { ok: false, failure: 'aborted', message: 'stopped before sending' };
    const response = await fetch(request.url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      body: request.body as BodyInit | undefined,
      credentials: request.withCookies === false ? 'omit' : 'include',
      // Always 'follow': in Chromium 'manual' yields an opaque response with no body. A 301 without
      // a Location header (WeChat's login exchange) comes back as is, body readable.
      redirect: 'follow',
      cache: 'no-store',
      signal: controller.signal,
    });
    if (request.responseType === 'bytes') {
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { ok: true, status: response.status, headers: response.headers, text: '', bytes, url: response.url };
    }
    const text = await response.text();
    return { ok: true, status: response.status, headers: response.headers, text, url: response.url };
  } catch (error) {
    if (request.signal?.aborted) return { ok: false, failure: 'aborted', message: 'stopped' };
    if (controller.signal.aborted) return { ok: false, failure: 'timeout', message: `no complete answer within ${request.deadlineMs} ms` };
    return { ok: false, failure: 'network', message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(deadline);
    request.signal?.removeEventListener('abort', onAbort);
    release();
  }
}
