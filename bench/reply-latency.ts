// The extension as a latency client: one Chromium with a WeChat and a Weibo account against one
// simulator, auto-reply on with a single rule (delay 0, no cooldown). Every message comes from a
// different contact, so no cooldown or loop guard can interfere. Also the floor, from the same
// worker: bare fetch round trips to the hosts the protocol uses.
//
// WeChat sends are spaced at least SEND_GAP_MS (1 s) apart per account by design (the real server
// answers bursts with 1205); a message arriving sooner waits for it. That wait is policy, not
// latency, so the WeChat client declares the gap and the scheduler fills it with other clients.
// (Five accounts on five host families would avoid the wait, but the worker's Referer/Origin rules
// are per service, not per account: a second WeChat account breaks the first. See the report.)
import { performance } from 'node:perf_hooks';
import { SEND_GAP_MS } from '../extension/background/services/wechat/connector.ts';
import { enableAutoReply, instantRule, resetReplyCounters, signInWechat, WEIBO_UID } from './accounts.ts';
import { launchExtension, type BenchExtension } from './browser.ts';
import { workerIdbCommits, workerRoundTrips } from './floor.ts';
import { recordText, settleAll, wechatPhases, type LatencyClient } from './latency.ts';
import { startProbedSim, type Probe } from './sim-probe.ts';
import { installWorkerProbe, readWorkerProbe, resetWorkerProbe } from './worker-probe.ts';

/** The caps allow 30 replies a minute per account; counters are cleared long before that. */
const RESET_EVERY = 20;
const WEIBO_PEER_BASE = 3_000_000_000;

/** Friend ids of the simulated WeChat address book, without the special entries. */
export async function wechatFriendIds(probe: Probe): Promise<string[]> {
  const all = await probe.control<Array<{ id: string; kind: string }>>('wechat', 'contacts', { limit: 1_000_000 });
  return all.filter((c) => c.kind === 'friend' && /^wxid_[0-9a-z]+\d{4}$/.test(c.id)).map((c) => c.id);
}

export interface ExtensionClients {
  wechat: LatencyClient;
  weibo: LatencyClient;
  /** Single round trips (ms) from the worker to the WeChat and Weibo IM hosts. */
  floor(samples: number): Promise<{ wechat: number[]; weibo: number[]; weiboUrl: string; idbCommit: number[] }>;
  /** WeChat replies taken apart in the worker's clock (after the timed run; friends from index `from`). */
  anatomy(samples: number, from: number): Promise<Record<AnatomyPhase, number[]>>;
  close(): Promise<void>;
}

/**
 * webwxsync fetch -> the store transaction opens -> it commits (the messages stored, decided and
 * claimed together) -> webwxsendmsg fetch starts, from Resource Timing and the IndexedDB probe
 * (worker-probe.ts).
 */
export type AnatomyPhase = 'syncFetch' | 'responseToOpen' | 'openToPersisted' | 'responseToSend';

export async function startExtensionClients(messages: number, log: (line: string) => void): Promise<ExtensionClients> {
  const { sim, probe, close } = await startProbedSim();
  let ext: BenchExtension | undefined;
  try {
    ext = await launchExtension(sim);
    const browser = ext;
    await probe.control('wechat', 'configure', { rateLimits: { send: null } });
    await probe.control('wechat', 'setAddressBook', { contacts: messages + 50 });
    const friends = await wechatFriendIds(probe);
    if (friends.length < messages) throw new Error(`address book too small: ${friends.length} friends for ${messages} messages`);
    await signInWechat(browser, probe);

    // As signInWeibo, with the roster (every peer of the run) set before the account starts.
    const weiboPeers = Array.from({ length: messages }, (_, i) => String(WEIBO_PEER_BASE + i));
    const login = await browser.context.newPage();
    await login.goto(`https://weibo.com/login?uid=${WEIBO_UID}&nick=bench`);
    await login.close();
    await probe.control('weibo', 'setRoster', { uid: WEIBO_UID, contacts: weiboPeers.map((uid, i) => ({ uid, nick: `peer${i}`, online: true })) });
    const { accountId: weiboId } = await browser.ask<{ accountId: string }>('addAccount', { service: 'weibo', localId: WEIBO_UID });
    await browser.waitForStatus(weiboId, (s) => s.status === 'online', 'Weibo online');
    await enableAutoReply(browser, [instantRule()]);
    await browser.releasePages();
    log(`extension: WeChat (${friends.length} friends) and Weibo online, auto-reply on`);

    // The floor goes to the IM host and scheme the extension's Bayeux requests actually use.
    const bayeux = [...probe.requests].reverse().find((r) => r.module === 'weibo' && r.path.startsWith('/im') && r.host.endsWith('im.weibo.com'));
    if (!bayeux) throw new Error('no Bayeux request from the extension was seen');
    const weiboUrl = `${bayeux.scheme}://${bayeux.host}/__sim/echo`;

    const settle = () => settleAll(probe, [{ module: 'wechat', held: 1 }, { module: 'weibo', held: 1 }]);
    // After a reset the worker reads the whole history again (the stamp is not its own), inside
    // the next decision: that message is not what a user's would cost, so it is not measured.
    const between = async (i: number) => {
      if (i % RESET_EVERY !== 0) return false;
      await resetReplyCounters(browser);
      return true;
    };
    return {
      wechat: {
        label: 'ext-wechat',
        probe,
        settle,
        gapMs: SEND_GAP_MS,
        inject: (i, token) => probe.controlSync('wechat', 'inject', { type: 'text', from: friends[i], text: token }),
        isReply: (r, token) => r.service === 'wechat' && r.kind === 'message' && recordText(r).includes(token),
        between,
        phases: wechatPhases(probe),
      },
      weibo: {
        label: 'ext-weibo',
        probe,
        settle,
        gapMs: 0,
        inject: (i, token) => probe.controlSync('weibo', 'inject', { from: weiboPeers[i], text: token, to: WEIBO_UID }),
        isReply: (r, token) => r.service === 'weibo' && r.kind === 'dm-sent' && recordText(r).includes(token),
        between,
      },
      async floor(samples) {
        const wechat = await workerRoundTrips(browser.worker, 'https://wx.qq.com/__sim/echo', samples);
        const weibo = await workerRoundTrips(browser.worker, weiboUrl, samples);
        const idbCommit = await workerIdbCommits(browser.worker, 200);
        return { wechat, weibo, weiboUrl, idbCommit };
      },
      async anatomy(samples, from) {
        await installWorkerProbe(browser.worker);
        const out: Record<AnatomyPhase, number[]> = { syncFetch: [], responseToOpen: [], openToPersisted: [], responseToSend: [] };
        let last = performance.now();
        for (let k = 0; k < samples; k += 1) {
          await new Promise((r) => setTimeout(r, Math.max(0, last + SEND_GAP_MS + 20 - performance.now())));
          await settle();
          await resetWorkerProbe(browser.worker);
          const token = `bench-anatomy-${k}`;
          const reply = probe.nextRecord((r) => r.service === 'wechat' && r.kind === 'message' && recordText(r).includes(token), 15_000);
          probe.controlSync('wechat', 'inject', { type: 'text', from: friends[from + k], text: token });
          last = (await reply).t;
          await settle();
          const times = await readWorkerProbe(browser.worker);
          const sync = times.fetches.find((f) => f.path.endsWith('/webwxsync'));
          const send = times.fetches.find((f) => f.path.endsWith('/webwxsendmsg'));
          const opened = times.persistOpens[0];
          const persisted = times.persists[0];
          if (!sync || !send || opened === undefined || persisted === undefined) continue;
          out.syncFetch.push(sync.responseEnd - sync.start);
          out.responseToOpen.push(opened - sync.responseEnd);
          out.responseToSend.push(send.start - sync.responseEnd);
          out.openToPersisted.push(persisted - opened);
        }
        return out;
      },
      async close() {
        await browser.close();
        await close();
      },
    };
  } catch (error) {
    await ext?.close();
    await close();
    throw error;
  }
}
