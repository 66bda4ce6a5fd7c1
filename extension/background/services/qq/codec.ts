// The QQ HTTP key=value codec (qq-and-peers.md A.3, docs/decisions/qq.md). Pure: no I/O.
// Requests: `KEY=VALUE&...`, every value UTF-8 percent-encoded. Replies: split on `&`, each pair on
// its first `=`, list values on `,` BEFORE percent-decoding (an escaped `%2c` is data, not a
// separator), one trailing empty element dropped, `+` taken literally.

/** Replies larger than this are refused unread: no real reply comes near it (lists cap at ~120). */
export const MAX_REPLY_CHARS = 512 * 1024;

const utf8Encoder = new TextEncoder();
/** Non-fatal: a broken UTF-8 sequence becomes U+FFFD instead of losing the whole value. */
const utf8Decoder = new TextDecoder('utf-8');

const isUnreserved = (b: number): boolean =>
  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2d || b === 0x2e || b === 0x5f || b === 0x7e;

/**
 * UTF-8 percent-encoding with only `A-Z a-z 0-9 - . _ ~` left as is, so `% & = + , ;`, CR and LF
 * are always escaped. A lone surrogate becomes U+FFFD (TextEncoder), never an exception.
 */
export function percentEncode(value: string): string {
  let out = '';
  for (const b of utf8Encoder.encode(value)) {
    out += isUnreserved(b) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const hexValue = (code: number): number => {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
};

/** Decode `%XX` (either hex case) as UTF-8 bytes; a malformed escape stays literal, `+` stays `+`. */
export function percentDecode(value: string): string {
  if (!value.includes('%')) return value;
  let out = '';
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length === 0) return;
    out += utf8Decoder.decode(new Uint8Array(bytes));
    bytes = [];
  };
  for (let i = 0; i < value.length; ) {
    if (value.charCodeAt(i) === 0x25 && i + 2 < value.length) {
      const hi = hexValue(value.charCodeAt(i + 1));
      const lo = hexValue(value.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push(hi * 16 + lo);
        i += 3;
        continue;
      }
    }
    flush();
    out += value[i];
    i += 1;
  }
  flush();
  return out;
}

export type RequestValue = string | number;

/** `KEY=VALUE&...` with keys as given (they are fixed ASCII names) and every value encoded. */
export function encodeRequest(fields: ReadonlyArray<readonly [string, RequestValue]>): string {
  return fields.map(([key, value]) => `${key}=${percentEncode(String(value))}`).join('&');
}

/** A parsed reply: raw (still escaped) values by upper-case key. Read it with `scalar` and `list`. */
export interface Reply {
  readonly raw: ReadonlyMap<string, string>;
}

export type ParseResult = { ok: true; reply: Reply } | { ok: false; error: string };

/** Split a reply body. Never throws; protocol trouble comes back as `{ ok: false }`. */
export function parseReply(body: string): ParseResult {
  if (body.length > MAX_REPLY_CHARS) return { ok: false, error: `reply too large (${body.length} characters)` };
  const text = body.replace(/[\r\n]+$/, '');
  // The server's answer to a bad VER is an empty body ("NULL"): a protocol error, not "no data".
  if (text.trim() === '' || text.trim().toUpperCase() === 'NULL') return { ok: false, error: 'empty reply' };
  const raw = new Map<string, string>();
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const key = pair.slice(0, eq).trim().toUpperCase();
    // First occurrence wins: the envelope comes first and a repeated key cannot override it.
    if (key !== '' && !raw.has(key)) raw.set(key, pair.slice(eq + 1));
  }
  if (raw.size === 0) return { ok: false, error: 'not a key=value reply' };
  return { ok: true, reply: { raw } };
}

/** A single decoded value, or undefined when the key is absent. */
export function scalar(reply: Reply, key: string): string | undefined {
  const value = reply.raw.get(key);
  return value === undefined ? undefined : percentDecode(value);
}

/** An integer value; `fallback` when absent or not a number. */
export function integer(reply: Reply, key: string, fallback: number): number {
  const value = scalar(reply, key)?.trim();
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : fallback;
}

/** A comma list: split first, drop one trailing empty element, then decode each element. */
export function list(reply: Reply, key: string): string[] {
  const value = reply.raw.get(key);
  if (value === undefined || value === '') return [];
  const parts = value.split(',');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map(percentDecode);
}

export type Rows<K extends string> = { ok: true; rows: Record<K, string>[] } | { ok: false; error: string };

/**
 * Parallel lists read together (e.g. MT/UN/MG). Every list must have the same length, else the
 * reply is refused: pairing elements of unequal lists would attribute text to the wrong sender.
 * Keys in `optional` may be absent altogether (their cells are then '').
 */
export function rows<K extends string>(reply: Reply, keys: readonly K[], optional: readonly K[] = []): Rows<K> {
  const columns = keys.map((key) => ({ key, present: reply.raw.has(key), values: list(reply, key) }));
  const required = columns.filter((c) => c.present || !optional.includes(c.key));
  const length = required[0]?.values.length ?? 0;
  const bad = required.find((c) => c.values.length !== length);
  if (bad) {
    const counts = required.map((c) => `${c.key}=${c.values.length}`).join(' ');
    return { ok: false, error: `parallel lists differ in length (${counts})` };
  }
  const out: Record<K, string>[] = [];
  for (let i = 0; i < length; i += 1) {
    const row = {} as Record<K, string>;
    for (const c of columns) row[c.key] = c.values[i] ?? '';
    out.push(row);
  }
  return { ok: true, rows: out };
}
