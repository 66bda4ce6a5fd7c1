// URLs of received media on the session's own hosts (digest §2.16). They need the browser's
// session cookies, which the extension's own requests carry.
import { cgi } from './hosts.ts';

export interface MediaHosts {
  mainHost: string;
  fileHost: string;
  skey: string;
  uin: string;
  passTicket: string;
}

export function msgImageUrl(hosts: MediaHosts, msgId: string, type: 'slave' | 'big'): string {
  return cgi(hosts.mainHost, 'webwxgetmsgimg', { MsgID: msgId, skey: hosts.skey, type });
}

export function voiceUrl(hosts: MediaHosts, msgId: string): string {
  return cgi(hosts.mainHost, 'webwxgetvoice', { msgid: msgId, skey: hosts.skey });
}

export function fileUrl(hosts: MediaHosts, sender: string, mediaId: string, fileName: string, encryFileName: string): string {
  // webwx_data_ticket is a cookie value the worker cannot read (see the decisions file); the
  // browser still sends the cookie itself.
  return cgi(hosts.fileHost, 'webwxgetmedia', {
    sender,
    mediaid: mediaId,
    encryfilename: encryFileName,
    filename: fileName,
    fromuser: hosts.uin,
    pass_ticket: hosts.passTicket,
  });
}

/** A relative WeChat path from message content (location thumbnails), only if it is WeChat's own. */
export function relativeUrl(hosts: MediaHosts, path: string): string | undefined {
  const trimmed = path.trim();
  if (!/^\/cgi-bin\/mmwebwx-bin\/[A-Za-z0-9_]+(\?[^\s<>"']*)?$/.test(trimmed)) return undefined;
  return `https://${hosts.mainHost}${trimmed}`;
}
