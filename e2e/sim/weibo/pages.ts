// weibo.com pages: the home page and profile pages, and the login/logout that set the SUB cookie.
// The logged-in uid is in an inline script the way Weibo's (V6) pages carried it:
// `$CONFIG['uid']` is the VIEWER, `$CONFIG['oid']` the page owner (decision 2). A content script
// reads the text; nothing here needs to run.
import type { SimRequest } from '../module.ts';
import type { World } from './world.ts';
import { UID_PATTERN } from './world.ts';
import { cookieHeader, escapeHtml, jsString, sendText } from './wire.ts';

const HTML = 'text/html; charset=utf-8';

/** SUB/SUBP on `.weibo.com`; not Secure, because discovery is plain http (decision 3). */
function loginCookies(token: string): string[] {
  const common = 'Path=/; Domain=.weibo.com';
  return [`SUB=${token}; ${common}; HttpOnly`, `SUBP=0033WrSXqPxfM72-Ws9jqgMF55529P9D9W5${token.slice(5, 17)}; ${common}`];
}

function clearedCookies(): string[] {
  const past = 'Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Domain=.weibo.com';
  return [`SUB=; ${past}; HttpOnly`, `SUBP=; ${past}`];
}

function page(title: string, config: Record<string, string>, body: string): string {
  const lines = Object.entries(config).map(([key, value]) => `$CONFIG['${key}']=${jsString(value)};`);
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<script type="text/javascript">
var $CONFIG = {};
${lines.join('\n')}
</script>
</head><body>
${body}
</body></html>`;
}

function loginForm(): string {
  return `<main class="login"><h1>微博 Weibo (simulated)</h1>
<form action="/login" method="get">
<label>UID <input name="uid" inputmode="numeric" required></label>
<label>昵称 Nickname <input name="nick"></label>
<button type="submit">登录 Log in</button>
</form></main>`;
}

export function servePage(request: SimRequest, world: World): void {
  const { req, res, url } = request;
  const path = url.pathname;
  const viewer = world.uidForToken(cookieHeader(req).get('SUB'));
  const viewerUser = viewer ? world.users.get(viewer) : undefined;
  const base: Record<string, string> = {
    islogin: viewer ? '1' : '0',
    uid: viewer ?? '',
    nick: viewerUser?.nick ?? '',
    lang: 'zh-cn',
    skin: 'skin048',
    domain: viewer ? `u/${viewer}` : '',
  };

  if (path === '/login') {
    const uid = url.searchParams.get('uid') ?? '';
    if (!UID_PATTERN.test(uid)) return sendText(res, 400, HTML, page('登录 - 微博', base, `<p>Bad uid.</p>${loginForm()}`));
    const nick = url.searchParams.get('nick')?.trim() || undefined;
    const token = world.login(uid, nick);
    res.writeHead(302, { location: '/', 'set-cookie': loginCookies(token), 'cache-control': 'no-store' }).end();
    return;
  }
  if (path === '/logout') {
    if (viewer) world.logout(viewer);
    res.writeHead(302, { location: '/', 'set-cookie': clearedCookies(), 'cache-control': 'no-store' }).end();
    return;
  }
  if (path === '/' || path === '/home') {
    if (!viewer || !viewerUser) return sendText(res, 200, HTML, page('微博-随时随地发现新鲜事', base, loginForm()));
    const body = `<header><a href="/u/${viewer}" class="gn_name">${escapeHtml(viewerUser.nick)}</a> <a href="/logout">退出</a></header>
<main><h1>首页</h1><p>Logged in as ${escapeHtml(viewerUser.nick)} (${viewer}).</p></main>`;
    return sendText(res, 200, HTML, page('我的首页 微博-随时随地发现新鲜事', { ...base, oid: viewer, onick: viewerUser.nick }, body));
  }
  const profile = /^\/u\/([0-9]+)\/?$/.exec(path);
  if (profile?.[1]) {
    const oid = profile[1];
    const owner = world.users.get(oid);
    const onick = owner?.nick ?? `用户${oid.slice(-4)}`;
    const body = `<header>${viewer ? `<a href="/u/${viewer}" class="gn_name">${escapeHtml(viewerUser?.nick ?? '')}</a>` : '<a href="/">登录</a>'}</header>
<main><h1>${escapeHtml(onick)}的微博</h1></main>`;
    return sendText(res, 200, HTML, page(`${onick}的微博_微博`, { ...base, oid, onick, page_id: `100505${oid}` }, body));
  }
  sendText(res, 404, HTML, page('404 - 微博', base, '<p>页面不存在 (page not found)</p>'));
}
