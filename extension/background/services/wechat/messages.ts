// AddMsgList entry -> IncomingMessage, recall or read-elsewhere (digest §3). Pure: everything it
// needs about the session comes in the context.
import type { IncomingMessage } from '../../../shared/domain.ts';
import { describeApp, type Described } from './app-messages.ts';
import { isGroupId, memberLabel, SYSTEM_USERS, type ContactBook } from './contacts.ts';
import { msgImageUrl, relativeUrl, voiceUrl, type MediaHosts } from './media-urls.ts';
import { xmlAttr, xmlText } from './parse-xml.ts';
import { brToNewline, cleanContent, cleanName, decodeEntities } from './text.ts';
import type { RawMessage } from './wire.ts';

export interface NormalizeContext extends MediaHosts {
  selfId: string;
  selfName: string;
  book: ContactBook;
  /** Unix seconds: anything created before this is history replayed at login. */
  replayBefore: number;
  /** True for the first sync after a QR login: all of it is history. */
  replayAll: boolean;
  nowMs: number;
}

export type Normalized =
  | { kind: 'message'; message: IncomingMessage }
  | { kind: 'recalled'; serverId: string }
  | { kind: 'readElsewhere'; peerId: string }
  | { kind: 'skip'; why: string };

// Group messages from others start with `<member UserName>:<br/>` (IC's rule, digest §3.6).
const GROUP_PREFIX = /^(@[0-9A-Za-z_-]{1,128}):<br\s*\/?>/;
const MENTION_END = '\u2005';
// StatusNotifyCode 1 read, 2 entered the chat, 5 left it: all mean the phone has seen it.
const READ_CODES = new Set([1, 2, 5]);

/** Message XML inside Content: entity-escaped, with `<br/>` where newlines were. */
function contentXml(content: string): string {
  return decodeEntities(brToNewline(content));
}

function seconds(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}

function sysmsgText(xml: string): string {
  const template = xmlText(xml, 'template') ?? xmlText(xml, 'replacemsg') ?? xmlText(xml, 'content');
  if (template) return template.replace(/\$\{[^}]{0,64}\}/g, 'someone');
  return xml.replace(/<[^>]{0,512}>/g, ' ').replace(/\s+/g, ' ').trim();
}

function describe(raw: RawMessage, body: string, ctx: NormalizeContext): Described {
  const type = raw.MsgType;
  switch (type) {
    case 1: {
      if (raw.SubMsgType === 48) {
        // Shared location: `<address>:<br/><thumbnail path>`, details in OriContent.
        const [address = '', path = ''] = body.split(/:<br\s*\/?>/);
        const ori = contentXml(raw.OriContent);
        const label = xmlAttr(ori, 'location', 'poiname') || xmlAttr(ori, 'location', 'label') || cleanName(address);
        const url = relativeUrl(ctx, decodeEntities(path));
        return { kind: 'location', text: `[Location] ${label}`.trim(), media: url ? { url, title: label } : { title: label } };
      }
      return { kind: 'text', text: cleanContent(body) };
    }
    case 3:
      return { kind: 'image', text: '[Image]', media: { url: msgImageUrl(ctx, raw.MsgId, 'slave') } };
    case 34:
      return {
        kind: 'voice',
        text: raw.VoiceLength > 0 ? `[Voice message, ${seconds(raw.VoiceLength)}]` : '[Voice message]',
        media: { url: voiceUrl(ctx, raw.MsgId), ...(raw.VoiceLength > 0 ? { durationMs: raw.VoiceLength } : {}) },
      };
    case 37: {
      const who = cleanName(raw.Recommend.NickName) || 'Someone';
      const note = cleanName(raw.Recommend.Content);
      return { kind: 'system', text: `[Friend request] ${who}${note ? `: ${note}` : ''}` };
    }
    case 40:
      return { kind: 'system', text: `[Friend suggestion] ${cleanName(raw.Recommend.NickName)}`.trim() };
    case 42: {
      const who = cleanName(raw.Recommend.NickName) || xmlAttr(contentXml(body), 'msg', 'nickname') || '';
      return { kind: 'card', text: `[Contact card] ${who}`.trim(), media: { title: who } };
    }
    case 43:
    case 62:
      return {
        kind: 'video',
        text: raw.PlayLength > 0 ? `[Video, ${seconds(raw.PlayLength * 1000)}]` : '[Video]',
        media: { url: msgImageUrl(ctx, raw.MsgId, 'slave'), ...(raw.PlayLength > 0 ? { durationMs: raw.PlayLength * 1000 } : {}) },
      };
    case 47:
      return { kind: 'sticker', text: '[Sticker]', media: { url: msgImageUrl(ctx, raw.MsgId, 'big') } };
    case 48: {
      const xml = contentXml(raw.OriContent || body);
      const label = xmlAttr(xml, 'location', 'poiname') || xmlAttr(xml, 'location', 'label') || '';
      return { kind: 'location', text: `[Location] ${label}`.trim(), media: { title: label } };
    }
    case 49:
      return describeApp(raw, contentXml(body), ctx);
    case 50:
    case 52:
    case 53:
      return { kind: 'system', text: '[Voice or video call] answer it in WeChat on your phone' };
    case 9999:
      return { kind: 'system', text: cleanContent(body) || '[System notice]' };
    case 10000: {
      const decoded = contentXml(body);
      return { kind: 'system', text: decoded.includes('<sysmsg') ? sysmsgText(decoded) : cleanContent(body) };
    }
    default:
      return { kind: 'unknown', text: cleanContent(body) || `[Unsupported message type ${type}]` };
  }
}

function mentions(text: string, names: string[]): boolean {
  return names.some((name) => {
    if (!name) return false;
    const needle = `@${name}`;
    let at = text.indexOf(needle);
    while (at >= 0) {
      const next = text.slice(at + needle.length, at + needle.length + 1);
      if (next === '' || next === MENTION_END) return true;
      at = text.indexOf(needle, at + 1);
    }
    return false;
  });
}

export function normalizeMessage(raw: RawMessage, ctx: NormalizeContext): Normalized {
  if (raw.MsgType === 51) {
    const peer = raw.ToUserName;
    if (READ_CODES.has(raw.StatusNotifyCode) && peer && peer !== ctx.selfId) return { kind: 'readElsewhere', peerId: peer };
    return { kind: 'skip', why: `status notify ${raw.StatusNotifyCode}` };
  }

  const fromSelf = raw.FromUserName === ctx.selfId;
  const peerId = fromSelf ? raw.ToUserName : raw.FromUserName;
  if (!peerId) return { kind: 'skip', why: 'no peer' };
  const inGroup = isGroupId(peerId);

  let body = raw.Content;
  let senderId = fromSelf ? ctx.selfId : raw.FromUserName;
  // System lines (10000) in groups carry no member prefix; everything else from others does.
  if (inGroup && !fromSelf && raw.MsgType !== 10000) {
    const prefix = GROUP_PREFIX.exec(body);
    if (prefix?.[1]) {
      senderId = prefix[1];
      body = body.slice(prefix[0].length);
    }
  }

  if (raw.MsgType === 10002) {
    const xml = contentXml(body);
    const recalled = xmlText(xml, 'msgid');
    if (recalled && /^\d{1,24}$/.test(recalled)) return { kind: 'recalled', serverId: recalled };
    return { kind: 'skip', why: 'recall without msgid' };
  }

  const described = describe(raw, body, ctx);
  const message: IncomingMessage = {
    serverId: raw.MsgId,
    peerId,
    direction: fromSelf ? 'out' : 'in',
    senderId,
    at: raw.CreateTime > 0 ? raw.CreateTime * 1000 : ctx.nowMs,
    kind: described.kind,
    text: described.text,
  };
  if (described.media) message.media = described.media;
  const senderName = fromSelf ? ctx.selfName : senderLabel(ctx, inGroup ? peerId : undefined, senderId);
  if (senderName) message.senderName = senderName;
  if (fromSelf) message.state = 'sent';
  if (ctx.replayAll || (raw.CreateTime > 0 && raw.CreateTime < ctx.replayBefore)) message.replay = true;
  if (inGroup && !fromSelf) {
    const card = ctx.book.member(peerId, ctx.selfId);
    const names = [card ? cleanName(card.DisplayName) : '', cleanName(ctx.selfName)];
    if (mentions(described.text, names)) message.mentionsMe = true;
  }
  return { kind: 'message', message };
}

function senderLabel(ctx: NormalizeContext, groupId: string | undefined, senderId: string): string | undefined {
  if (groupId) {
    const member = ctx.book.member(groupId, senderId);
    if (member) return memberLabel(member);
  }
  const contact = ctx.book.get(senderId);
  if (contact) return cleanName(contact.RemarkName) || cleanName(contact.NickName) || undefined;
  return undefined;
}

/**
 * Ids to fetch with webwxbatchgetcontact before normalising: unknown groups, groups whose member
 * list lacks the sender, unknown direct senders, and the recent chats a code-4 notify lists.
 */
export function idsToResolve(raws: RawMessage[], book: ContactBook, selfId: string): string[] {
  const out = new Set<string>();
  const consider = (id: string) => {
    if (!id || id === selfId || SYSTEM_USERS.has(id) || !id.startsWith('@')) return;
    if (book.needsDetails(id)) out.add(id);
  };
  for (const raw of raws) {
    if (raw.MsgType === 51) {
      if (raw.StatusNotifyCode === 4) raw.StatusNotifyUserName.split(',').filter(isGroupId).forEach(consider);
      continue;
    }
    const peer = raw.FromUserName === selfId ? raw.ToUserName : raw.FromUserName;
    consider(peer);
    if (isGroupId(peer) && raw.FromUserName !== selfId) {
      const member = GROUP_PREFIX.exec(raw.Content)?.[1];
      if (member && !book.needsDetails(peer) && !book.member(peer, member)) out.add(peer);
    }
  }
  return [...out];
}
