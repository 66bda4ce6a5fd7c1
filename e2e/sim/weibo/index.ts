// The simulated Weibo: weibo.com pages (login cookie, uid in the page), webim.jsp discovery on
// nas.im.api.weibo.com, and a faye-based Bayeux server on *.web1.im.weibo.com/im that speaks
// Weibo's IM dialect. Built from ../../shared/protocols/weibo-bayeux.md (B, D.1); see
// docs/simulator-weibo.md for the control API.
import type { SimContext, SimModule } from '../module.ts';
import { BayeuxBackend } from './bayeux-server.ts';
import { serveBayeux } from './bayeux-http.ts';
import { runCommand } from './commands.ts';
import { controlActions } from './control.ts';
import { DemoFriend, demoRoster } from './demo.ts';
import { Faults } from './faults.ts';
import { servePage } from './pages.ts';
import { serveWebim } from './webim.ts';
import type { WrapperStyle } from './wire.ts';
import { sendText } from './wire.ts';
import { World } from './world.ts';

export interface WeiboSimOptions {
  /** Default hold of a connect without client advice, in seconds (Weibo: 180, seed 000). */
  timeoutSeconds?: number;
}

const isBayeuxHost = (host: string) => host === 'web.im.weibo.com' || host.endsWith('.web1.im.weibo.com');
const isPageHost = (host: string) => host === 'weibo.com' || host === 'www.weibo.com';

export function createWeiboSim(ctx: SimContext, options: WeiboSimOptions = {}): SimModule {
  const timeoutSeconds = options.timeoutSeconds ?? 180;
  const world = new World(() => (ctx.demo ? demoRoster() : []));
  const faults = new Faults();
  const wrapper: { style: WrapperStyle } = { style: 'weibo' };
  let backend: BayeuxBackend;
  const demo = new DemoFriend(world, () => backend);
  const createBackend = () =>
    new BayeuxBackend(world, ctx, timeoutSeconds, (client, message) =>
      runCommand(
        {
          world,
          ctx,
          push: (uid, data, replyTo) => backend.push(uid, data, replyTo),
          dmSent: (dm) => (ctx.demo ? demo.onDmSent(dm) : undefined),
        },
        client,
        message,
      ),
    );
  backend = createBackend();
  const env = { world, faults, wrapper, get backend() { return backend; } };

  return {
    name: 'weibo',
    claims: (host) => host === 'weibo.com' || host.endsWith('.weibo.com'),
    handle(request) {
      const { host, url, res } = request;
      if (isPageHost(host)) return servePage(request, world);
      if (host === 'nas.im.api.weibo.com' && url.pathname === '/im/webim.jsp') return serveWebim(request, world, faults, ctx);
      if (isBayeuxHost(host) && /^\/im(\/|$)/.test(url.pathname)) {
        return serveBayeux(request, { backend, faults, ctx, wrapper: () => wrapper.style });
      }
      sendText(res, 404, 'text/plain', `no such weibo page: ${host}${url.pathname}`);
    },
    control: controlActions(env),
    reset() {
      demo.close();
      backend.close();
      world.reset();
      faults.clear();
      wrapper.style = 'weibo';
      backend = createBackend();
    },
    close() {
      demo.close();
      backend.close();
    },
  };
}

export function weiboModule(ctx: SimContext): SimModule {
  return createWeiboSim(ctx);
}
