// The echo module: proves routing, TLS and cookies end to end before any real service exists.
// `/__sim/echo/set-cookie?name=v` sets a cookie on the asking host; `/__sim/echo` answers with what
// the request carried (host, scheme, cookies, headers), so a test can see the browser's cookie jar at work.
import type { SimContext, SimModule } from '../module.ts';

export function echoModule(ctx: SimContext): SimModule {
  return {
    name: 'echo',
    claims: (_host, _port, path) => path.startsWith('/__sim/echo'),
    handle({ req, res, url, scheme, host, port }) {
      ctx.record('echo', 'request', { host, port, path: url.pathname, cookie: req.headers.cookie ?? '' });
      if (url.pathname === '/__sim/echo/set-cookie') {
        const cookies = [...url.searchParams].map(
          ([name, value]) => `${name}=${encodeURIComponent(value)}; Path=/; Domain=${host}${scheme === 'https' ? '; Secure; SameSite=None' : ''}`,
        );
        res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': cookies }).end('{"ok":true}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ host, port, scheme, path: url.pathname, cookie: req.headers.cookie ?? '', headers: req.headers }),
      );
    },
    control: {},
    reset() {},
    close() {},
  };
}
