// callback-polling URLs: `<bayeux url>?jsonp=<cb>&message=<JSON array>` (A.1 "Transports").
// CJK text is 9 URL characters per character once UTF-8 and percent-encoded, so long DMs make long
// GETs; servers refuse request lines beyond their header buffer (Jetty: 8 KiB). Batches are split
// to stay under MAX_URL_LENGTH, and a single message that cannot fit is refused up front.
import type { OutgoingMessage } from './bayeux-messages.ts';

/** Leaves room for cookies and other headers in an 8 KiB request header buffer (decision 9). */
export const MAX_URL_LENGTH = 6000;

export function pollUrl(endpointUrl: string, callback: string, messages: OutgoingMessage[]): string {
  return `${endpointUrl}?jsonp=${encodeURIComponent(callback)}&message=${encodeURIComponent(JSON.stringify(messages))}`;
}

export type SplitResult =
  | { ok: true; batches: OutgoingMessage[][] }
  | { ok: false; message: OutgoingMessage; length: number; limit: number };

/** Greedy, order-preserving split into GETs that each fit the limit. */
export function splitForUrl(endpointUrl: string, callback: string, messages: OutgoingMessage[], limit = MAX_URL_LENGTH): SplitResult {
  const batches: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  for (const message of messages) {
    const alone = pollUrl(endpointUrl, callback, [message]).length;
    if (alone > limit) return { ok: false, message, length: alone, limit };
    if (current.length > 0 && pollUrl(endpointUrl, callback, [...current, message]).length > limit) {
      batches.push(current);
      current = [];
    }
    current.push(message);
  }
  if (current.length > 0) batches.push(current);
  return { ok: true, batches };
}

