// Which messages may be recalled: one's own WeChat message, sent (it has the server's id), for 2
// minutes after sending. Pure, so it is tested without a browser.
import type { Message, ServiceId } from '../shared/domain.ts';

/** WeChat Web's recall window (protocol digest; the simulator's `revokeWindowMs`). */
export const RECALL_WINDOW_MS = 2 * 60_000;
/** Services whose interface can recall a sent message: only WeChat Web's. */
export const CAN_RECALL: Record<ServiceId, boolean> = { wechat: true, weibo: false, qq: false };

/** Pure: may the user recall `m` at `now`? */
export function recallable(m: Message, service: ServiceId, now: number): boolean {
  return (
    CAN_RECALL[service] &&
    m.direction === 'out' &&
    m.state === 'sent' &&
    !m.recalled &&
    m.kind !== 'recalled' &&
    m.kind !== 'system' &&
    !m.serverId.startsWith('local-') &&
    now - m.at < RECALL_WINDOW_MS
  );
}
