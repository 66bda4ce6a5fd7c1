// Discovery: GET nas.im.api.weibo.com/im/webim.jsp?v=1.1&returntype=json&uid=..&callback=..
// -> `{channel, server}` (weibo-bayeux.md B.2), as `try{cb({...});}catch(e){}` when a callback is
// named, plain JSON otherwise. Without the weibo.com login cookie it answers the classic Sina API
// error object instead (decision 1).
import type { SimContext, SimRequest } from '../module.ts';
import type { World } from './world.ts';
import type { Faults } from './faults.ts';
import { answerFault } from './faults.ts';
import { CALLBACK_NAME, cookieHeader, scriptSafe, sendText } from './wire.ts';

export function serveWebim(request: SimRequest, world: World, faults: Faults, ctx: SimContext): void {
  const { req, res, url, scheme } = request;
  const params = url.searchParams;
  const callback = params.get('callback') ?? '';
  const uidParam = params.get('uid') ?? '';
  const loggedIn = world.uidForToken(cookieHeader(req).get('SUB'));
  ctx.record('weibo', 'webim', { uid: uidParam, loggedIn: loggedIn ?? null, referer: req.headers.referer ?? '', scheme });

  if (callback && !CALLBACK_NAME.test(callback)) return sendText(res, 400, 'text/plain', 'Bad request');
  const fault = faults.take(['discovery']);
  if (fault) return answerFault(res, fault, callback || 'callback', '{"channel":"/im/x","server":"http://1.1.web1.im.weibo.com/"}');

  let payload: Record<string, unknown>;
  if (!loggedIn) {
    payload = { error: 'auth faild!', error_code: 21301, request: '/im/webim.jsp' };
  } else if (uidParam !== loggedIn) {
    payload = { error: 'uid not match the login user', error_code: 21302, request: '/im/webim.jsp' };
  } else {
    const user = world.ensureUser(loggedIn);
    // The Bayeux host is handed out with the scheme the browser used (decision 3).
    payload = { channel: user.channel, server: `${scheme}://${user.serverHost}/` };
  }
  const json = JSON.stringify(payload);
  if (callback) return sendText(res, 200, 'text/javascript; charset=utf-8', `try{${callback}(${scriptSafe(json)});}catch(e){}`);
  if (params.get('returntype') === 'json') return sendText(res, 200, 'application/json; charset=utf-8', json);
  sendText(res, 200, 'text/javascript; charset=utf-8', `try{callback(${scriptSafe(json)});}catch(e){}`);
}
