// Node HTTP helpers for talking to the QQ simulator in tests: protocol POSTs carry the real
// `Host: tqq.tencent.com:8000` header, control calls go to the control port.
import http from 'node:http';

export interface RawReply {
  status: number;
  body: string;
}

export function postQq(httpPort: number, body: string, options: { method?: string; host?: string } = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: httpPort,
        path: '/',
        method: options.method ?? 'POST',
        headers: { host: options.host ?? 'tqq.tencent.com:8000', 'content-type': 'text/plain; charset=UTF-8', connection: 'close' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.method === 'GET' ? undefined : body);
  });
}

export async function simControl<T = Record<string, unknown>>(controlUrl: string, action: string, body: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${controlUrl}/qq/${action}`, { method: 'POST', body: JSON.stringify(body) });
  const json = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`control ${action}: ${json.error ?? response.status}`);
  return json;
}

/** Minimal reply reading for sim self-tests (independent of the extension's codec on purpose). */
export function replyFields(body: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const pair of body.replace(/\r?\n$/, '').split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0) fields.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return fields;
}

export function listOf(fields: Map<string, string>, key: string): string[] {
  const parts = (fields.get(key) ?? '').split(',');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((p) => decodeURIComponent(p));
}
