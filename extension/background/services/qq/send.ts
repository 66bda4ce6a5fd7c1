// Sending text with CLTMSG (A.4). The message length limit of the interface is unknown, so long
// texts are split at a conservative limit (A.9.5), preferring a break after whitespace in the
// second half of a part; the parts concatenate back to the exact original text.
import type { SendContent, SendResult } from '../../../shared/domain.ts';
import { fingerprint } from './messages.ts';
import { isUin } from './protocol.ts';
import { settle, terminalReport, type QqRuntime } from './runtime.ts';

export function splitText(text: string, limit: number): string[] {
  const chars = Array.from(text); // code points: never split a surrogate pair
  const size = Math.max(1, Math.floor(limit));
  const parts: string[] = [];
  let start = 0;
  while (chars.length - start > size) {
    let cut = size;
    for (let i = size - 1; i >= Math.ceil(size / 2); i -= 1) {
      if (/\s/.test(chars[start + i] ?? '')) {
        cut = i + 1;
        break;
      }
    }
    parts.push(chars.slice(start, start + cut).join(''));
    start += cut;
  }
  parts.push(chars.slice(start).join(''));
  return parts;
}

export async function sendContent(rt: QqRuntime, peerId: string, content: SendContent): Promise<SendResult> {
  if (content.kind !== 'text') return { ok: false, error: 'QQ (HTTP interface) can only send text', retryable: false };
  if (!isUin(peerId)) return { ok: false, error: `not a QQ number: ${peerId}`, retryable: false };
  if (content.text === '') return { ok: false, error: 'nothing to send', retryable: false };
  // The user (or an auto-reply) is in a chat now: poll at the fast pace, starting at once, so the
  // answer does not wait out a quiet interval. Not awaited: the send must not wait on storage, and
  // a lost write only costs pace (activity.ts).
  void rt.activity.note(rt.deps.now()).catch(() => undefined);
  const parts = splitText(content.text, rt.options.messageLimit);
  for (const [index, part] of parts.entries()) {
    const answer = await rt.client.call('CLTMSG', [['UN', peerId], ['MG', part]]);
    if (answer.kind === 'ok') continue;
    const terminal = terminalReport(answer) !== undefined;
    const reason = settle(rt, answer);
    if (index === 0) {
      // Nothing went out: the caller may try again unless the session is over or QQ refused it.
      return { ok: false, error: reason, retryable: answer.kind === 'failed' && !terminal };
    }
    // Retrying would send the first parts twice.
    return { ok: false, error: `sent ${index} of ${parts.length} parts; then: ${reason}`, retryable: false };
  }
  const at = rt.deps.now();
  return { ok: true, serverId: `qq-out-${peerId}-${fingerprint(content.text)}-${at}`, at };
}
