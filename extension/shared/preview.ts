// One line that stands for a message in the inbox list and in notifications. Plain text only.
import type { Message } from './domain.ts';

const KIND_LABEL: Record<Message['kind'], string> = {
  text: '',
  image: '[Image]',
  voice: '[Voice]',
  video: '[Video]',
  file: '[File]',
  link: '[Link]',
  location: '[Location]',
  card: '[Contact card]',
  sticker: '[Sticker]',
  system: '',
  recalled: '[Recalled]',
  unknown: '[Message]',
};

export const PREVIEW_LENGTH = 80;

export function previewOf(message: Pick<Message, 'kind' | 'text' | 'senderName' | 'media'>): string {
  const label = KIND_LABEL[message.kind];
  const body = message.text || message.media?.title || message.media?.fileName || '';
  const line = [label, body].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
  const withSender = message.senderName ? `${message.senderName}: ${line}` : line;
  return withSender.length > PREVIEW_LENGTH ? `${withSender.slice(0, PREVIEW_LENGTH - 1)}…` : withSender;
}
