// The WeChat Web ("webwx") simulator: every host family of wx/wx2/wx8.qq.com and web/web2.wechat.com
// (main, login., file., webpush.) plus login.weixin.qq.com, built from ../shared/protocols/wechat.md.
import type { ControlAction, SimContext, SimModule } from '../module.ts';
import { controlActions } from './control.ts';
import { demoScript } from './demo.ts';
import { parseHost } from './hosts.ts';
import { changeQr } from './login.ts';
import { endpointTable, route } from './router.ts';
import { SimState } from './state.ts';
import { type Clock, systemClock } from './timers.ts';

export interface WechatSimOptions {
  /** Time source for QR lifetimes, rate limits and CreateTime (tests pass a fake one). */
  clock?: Clock;
}

function shutdown(state: SimState): void {
  state.timers.cancelAll();
  for (const qr of state.qrs.values()) if (qr.status === 'waiting' || qr.status === 'scanned') changeQr(qr, 'expired');
  for (const session of state.sessions) session.end(1101, 'simulator reset', state.now());
}

export function createWechatModule(ctx: SimContext, options: WechatSimOptions = {}): SimModule {
  const control: Record<string, ControlAction> = {};
  const boot = () => {
    const state = new SimState(ctx, options.clock ?? systemClock);
    const demo = demoScript(state);
    const table = endpointTable(ctx.demo ? [demo.listener] : []);
    Object.assign(control, controlActions(state));
    if (ctx.demo) demo.start();
    return { state, table };
  };
  let current = boot();
  return {
    name: 'wechat',
    claims: (host) => parseHost(host) !== undefined,
    handle: (request) => route(current.state, current.table, request),
    control,
    reset() {
      shutdown(current.state);
      current = boot();
    },
    close() {
      shutdown(current.state);
    },
  };
}

export function wechatModule(ctx: SimContext): SimModule {
  return createWechatModule(ctx);
}
