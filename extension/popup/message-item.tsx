// One message line. Every server string is a text node; images only from data: images or https.
import type { Message } from '../shared/domain.ts';
import { fileSize, timeOfDay } from '../ui/format.ts';
import { t } from '../ui/i18n.ts';
import { safeDataImage, safeHttpsUrl } from '../ui/safe-url.ts';

export interface MessageItemProps {
  message: Message;
  /** Group chats: the sender's name above incoming messages when the sender changes. */
  showSender: boolean;
  locale: string;
  onRetry: (message: Message) => void;
  /** Present while the message may be recalled (own WeChat message under 2 minutes old). */
  onRecall?: (message: Message) => void;
  /** A recall is in flight. */
  recalling?: boolean;
  /** Recalled from this page; the worker's 10002 echo may not have arrived yet. */
  recalledHere?: boolean;
}

const senderOf = (m: Message) => m.senderName || m.senderId;

export function MessageItem({ message: m, showSender, locale, onRetry, onRecall, recalling = false, recalledHere = false }: MessageItemProps) {
  if (m.kind === 'system') {
    return (
      <li class="line system" data-key={m.key}>
        {m.text}
      </li>
    );
  }
  if (m.kind === 'recalled') {
    return (
      <li class="line system" data-key={m.key}>
        {m.direction === 'out' ? t('pop_youRecalled') : t('pop_recalledBy', senderOf(m))}
      </li>
    );
  }
  const own = m.direction === 'out';
  const recalled = m.recalled || recalledHere;
  return (
    <li class={`msg ${own ? 'out' : 'in'}${m.state === 'failed' ? ' failed' : ''}${recalled ? ' recalled' : ''}`} data-key={m.key} data-state={m.state}>
      {showSender && !own && <div class="sender">{senderOf(m)}</div>}
      <div class="bubble">
        <Body m={m} />
        {recalled && <div class="recalled-note">{own ? t('pop_recalledByYou') : t('pop_recalledNote')}</div>}
      </div>
      <div class="meta">
        <time dateTime={new Date(m.at).toISOString()}>{timeOfDay(m.at, locale)}</time>
        {own && m.state && <SendState m={m} onRetry={onRetry} />}
        {onRecall && !recalled && (
          <button type="button" class="small recall" disabled={recalling} title={t('pop_recallHint')} onClick={() => onRecall(m)}>
            {recalling ? t('pop_recalling') : t('pop_recall')}
          </button>
        )}
      </div>
      {m.autoReply && <div class="auto-mark">{t('pop_autoRepliedBy', m.autoReply.ruleName)}</div>}
    </li>
  );
}

function SendState({ m, onRetry }: { m: Message; onRetry: (m: Message) => void }) {
  if (m.state === 'sending') return <span class="state sending">{t('pop_sending')}</span>;
  if (m.state === 'sent') return <span class="state sent">{t('pop_sent')}</span>;
  return (
    <span class="state failed" role="status">
      {t('pop_failed')}
      {m.error ? `: ${m.error}` : ''}
      {!m.autoReply && (
        <button type="button" class="small" onClick={() => onRetry(m)}>
          {t('pop_retry')}
        </button>
      )}
    </span>
  );
}

function Body({ m }: { m: Message }) {
  const media = m.media;
  switch (m.kind) {
    case 'image':
    case 'sticker':
    case 'video': {
      const src = safeDataImage(media?.thumbDataUrl) ?? safeHttpsUrl(media?.url);
      const label = t(m.kind === 'video' ? 'pop_video' : m.kind === 'sticker' ? 'pop_sticker' : 'pop_image');
      return src ? <img class="thumb" src={src} alt={label} loading="lazy" /> : <span class="kind">[{label}] {media?.fileName ?? ''}</span>;
    }
    case 'file':
      return (
        <span class="file">
          <span class="kind">[{t('pop_file')}]</span> {media?.fileName ?? m.text} {media?.size !== undefined ? `(${fileSize(media.size)})` : ''}
        </span>
      );
    case 'voice':
      return (
        <span class="kind">
          [{t('pop_voice')}]{media?.durationMs ? ` ${Math.round(media.durationMs / 1000)}″` : ''} {m.text}
        </span>
      );
    case 'link':
      return (
        <span class="link-card">
          <strong>{media?.title ?? m.text}</strong>
          {media?.description ? <span class="desc">{media.description}</span> : null}
        </span>
      );
    default:
      return <span class="text">{m.text}</span>;
  }
}
