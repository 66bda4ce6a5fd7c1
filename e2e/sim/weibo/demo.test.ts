// The demo simulator: every user has the scripted friends, and one of them answers DMs.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startConnector } from './connector-harness.ts';
import { DEMO_FRIEND } from './demo.ts';
import { startWeiboHarness, waitFor } from './test-support.ts';
import type { WeiboHarness } from './test-support.ts';

let h: WeiboHarness;
beforeAll(async () => {
  h = await startWeiboHarness({ demo: true });
});
afterAll(async () => {
  await h.close();
});

it('the demo friend is on the roster and answers a DM', async () => {
  await h.http.request({ url: 'https://weibo.com/login?uid=1824450144', deadlineMs: 5000 });
  const c = startConnector(h.http, '1824450144', new Map());
  try {
    await waitFor(() => c.recorded.contacts.get(DEMO_FRIEND.uid), 'demo friend on the roster');
    await waitFor(async () => (await h.control<{ clients: unknown[] }>('state')).clients.length > 0 || undefined, 'a client');
    const sent = await c.connector.send(DEMO_FRIEND.uid, { kind: 'text', text: '你好小冰' });
    expect(sent.ok).toBe(true);
    const reply = await waitFor(() => c.recorded.messages.find((m) => m.senderId === DEMO_FRIEND.uid), 'the demo reply');
    expect(reply.text).toContain('你好小冰');
  } finally {
    await c.stop();
  }
});
