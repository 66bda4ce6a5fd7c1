// The scripted demo friend (only with ctx.demo): a welcome note from the system account and from
// 小明, 小明 answers every message sent to him, and another friend's status flips now and then.
import type { SentRecord, World } from './world.ts';
import { DEFAULT_UIN, DEMO_FRIEND_UIN, MT_CHAT, ST_OFFLINE, ST_ONLINE, SYSTEM_UIN } from './world.ts';

const REPLY_DELAY_MS = 1200;
const PRESENCE_FLIP_MS = 45_000;
const FLIPPING_FRIEND = '20004';

export class DemoScript {
  private timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly world: () => World) {}

  start(): void {
    const account = this.world().users.get(DEFAULT_UIN);
    if (!account) return;
    this.world().deliver(account, { type: MT_CHAT, from: SYSTEM_UIN, text: '欢迎使用 QQ。Welcome to QQ.' });
    this.world().deliver(account, { type: MT_CHAT, from: DEMO_FRIEND_UIN, text: '你好！Hi, this is 小明 — write me, I answer.' });
    const flip = setInterval(() => {
      const friend = this.world().users.get(FLIPPING_FRIEND);
      if (!friend) return;
      friend.status = friend.status === ST_ONLINE ? ST_OFFLINE : ST_ONLINE;
      this.world().announceStatus(friend);
    }, PRESENCE_FLIP_MS);
    flip.unref();
    this.timers.add(flip);
  }

  onSent(record: SentRecord): void {
    if (record.to !== DEMO_FRIEND_UIN) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const account = this.world().users.get(record.from);
      if (account) this.world().deliver(account, { type: MT_CHAT, from: DEMO_FRIEND_UIN, text: `收到 (got it): ${record.text}` });
    }, REPLY_DELAY_MS);
    timer.unref();
    this.timers.add(timer);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
