// MsgType 49 ("app message") by AppMsgType (digest §3.3): every subtype becomes a readable line.
import type { MessageKind, MessageMedia } from '../../../shared/domain.ts';
import { fileUrl, msgImageUrl, type MediaHosts } from './media-urls.ts';
import { xmlText } from './parse-xml.ts';
import { cleanName, emojiSpansToText } from './text.ts';
import type { RawMessage } from './wire.ts';

export interface Described {
  kind: MessageKind;
  text: string;
  media?: MessageMedia;
}

function httpUrl(value: string): string | undefined {
  return /^https?:\/\/[^\s<>"]+$/i.test(value.trim()) ? value.trim() : undefined;
}

export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function link(label: string, title: string, description: string, url: string | undefined): Described {
  const lines = [`[${label}] ${title}`.trim()];
  if (url) lines.push(url);
  const media: MessageMedia = { title };
  if (description) media.description = description;
  return { kind: 'link', text: lines.join('\n'), media };
}

const LINK_LABELS: Readonly<Record<number, string>> = {
  3: 'Music',
  4: 'Video link',
  5: 'Link',
  7: 'App',
  10: 'Product',
  13: 'Product',
  16: 'Card ticket',
  33: 'Mini program',
  36: 'Mini program',
  51: 'Channels',
  100001: 'Article',
};

const SYSTEM_LINES: Readonly<Record<number, string>> = {
  9: '[Voice reminder] open WeChat on your phone to see it',
  17: '[Real-time location sharing] open WeChat on your phone to join',
  2000: '[Transfer] open WeChat on your phone to see it',
  2001: '[Red packet] open WeChat on your phone to open it',
};

/** `xml` is the message XML with entities already decoded. */
export function describeApp(raw: RawMessage, xml: string, hosts: MediaHosts): Described {
  const xmlType = Number(xmlText(xml, 'type') ?? '');
  const type = raw.AppMsgType || (Number.isInteger(xmlType) ? xmlType : 0);
  const title = emojiSpansToText(xmlText(xml, 'title') ?? '') || cleanName(raw.FileName);
  const description = emojiSpansToText(xmlText(xml, 'des') ?? '');
  const url = httpUrl(xmlText(xml, 'url') ?? '') ?? httpUrl(raw.Url);

  const system = SYSTEM_LINES[type];
  if (system) return { kind: 'system', text: title ? `${system}: ${title}` : system };
  const label = LINK_LABELS[type];
  if (label) return link(label, title, description, url);

  switch (type) {
    case 0:
      return { kind: 'text', text: `[Chat history] ${title}`.trim() };
    case 1:
      return { kind: 'text', text: title || description };
    case 2:
      return { kind: 'image', text: '[Image]', media: { url: msgImageUrl(hosts, raw.MsgId, 'slave') } };
    case 6: {
      const size = Number(xmlText(xml, 'totallen') ?? raw.FileSize) || Number(raw.FileSize) || 0;
      const name = title || cleanName(raw.FileName) || 'file';
      const media: MessageMedia = { fileName: name, url: fileUrl(hosts, raw.FromUserName, raw.MediaId, raw.FileName || name, raw.EncryFileName) };
      if (size > 0) media.size = size;
      const sizeText = formatSize(size);
      return { kind: 'file', text: `[File] ${name}${sizeText ? ` (${sizeText})` : ''}`, media };
    }
    case 8:
    case 15:
      return { kind: 'sticker', text: '[Sticker]', media: { url: msgImageUrl(hosts, raw.MsgId, 'big') } };
    case 19:
      return { kind: 'text', text: [`[Chat history] ${title}`.trim(), description].filter(Boolean).join('\n') };
    case 53:
      return { kind: 'text', text: [`[Group note] ${title}`.trim(), description].filter(Boolean).join('\n') };
    case 57: {
      const refer = xmlText(xml, 'refermsg') !== undefined ? xml.slice(xml.toLowerCase().indexOf('<refermsg')) : '';
      const who = emojiSpansToText(xmlText(refer, 'displayname') ?? '');
      const quoted = emojiSpansToText(xmlText(refer, 'content') ?? '');
      const snippet = quoted.startsWith('<') ? '[message]' : quoted.slice(0, 80);
      const quote = who || snippet ? `\n「${who}${who && snippet ? ': ' : ''}${snippet}」` : '';
      return { kind: 'text', text: `${title}${quote}` };
    }
    default: {
      const unknown = link('App message', title, description, url);
      return { ...unknown, kind: 'unknown' };
    }
  }
}
