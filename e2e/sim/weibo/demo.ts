// Scripted friends for the demo (ctx.demo): on every roster, and one of them answers DMs.
import type { BayeuxBackend } from './bayeux-server.ts';
import { msgPush, unreaderPush } from './push-shapes.ts';
import type { RosterEntry, SentDm, World } from './world.ts';

export const DEMO_FRIEND: RosterEntry = { uid: '1669879400', nick: '小冰 (demo)', online: true };
const DEMO_ROSTER: RosterEntry[] = [DEMO_FRIEND, { uid: '2000000002', nick: '张三', online: false }];
const REPLY_DELAY_MS = 1200;

export function demoRoster(): RosterEntry[] {
  return DEMO_ROSTER.map((entry) => ({ ...entry }));
}

export class DemoFriend {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly world: World,
    private readonly backend: () => BayeuxBackend,
  ) {}

  onDmSent(dm: SentDm): void {
    if (dm.to !== DEMO_FRIEND.uid) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const owner = this.world.users.get(dm.from);
      if (!owner) return;
      const time = Date.now();
      const dmid = this.world.nextDmid();
      const text = `收到：「${dm.text}」 (got it!)`;
      this.world.noteRecent(owner, DEMO_FRIEND.uid, DEMO_FRIEND.nick, text, time, true);
      this.backend().push(owner.uid, msgPush('2021', { from: DEMO_FRIEND.uid, text, time, dmid }));
      this.backend().push(owner.uid, unreaderPush(dmid, owner.recents.values()));
    }, REPLY_DELAY_MS);
    this.timers.add(timer);
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
