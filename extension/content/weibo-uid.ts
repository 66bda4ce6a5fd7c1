// Runs on weibo.com pages only. Finds the logged-in uid the way the page itself carries it
// (an inline `$CONFIG['uid']` assignment, or a data attribute) by reading text — never by
// executing anything — and tells the worker, which may offer to connect that account.
import browser from 'webextension-polyfill';
import { findWeiboUid } from './find-weibo-uid.ts';

const uid = findWeiboUid(document);
if (uid) void browser.runtime.sendMessage({ type: 'weiboUidSeen', payload: { uid } }).catch(() => undefined);
