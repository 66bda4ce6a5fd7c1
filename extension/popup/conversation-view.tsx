// A conversation: history with day separators and scroll-back, send states with retry, the
// composer. Opening it (and new messages arriving while it is in view) marks it read.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { Conversation, Message, ServiceId } from '../shared/domain.ts';
import { RequestError, type WorkerConnection } from '../ui/connection.ts';
import { dayLabel, sameDay } from '../ui/format.ts';
import { t } from '../ui/i18n.ts';
import { ServiceMark } from '../ui/service-mark.tsx';
import type { UiStore } from '../ui/store.ts';
import { Composer } from './composer.tsx';
import { MessageItem } from './message-item.tsx';
import { useHistory } from './use-history.ts';
import { useRecall } from './use-recall.ts';

export interface ConversationViewProps {
  store: UiStore;
  connection: WorkerConnection;
  id: string;
  conversation: Conversation | undefined;
  /** Title when the conversation has no record yet (opened from the contacts list). */
  fallbackTitle: string;
  isGroup: boolean;
  service: ServiceId;
  locale: string;
  onBack?: () => void;
  /** Show the peer's profile (QQ people only). */
  onProfile?: () => void;
}

/** Only WeChat Web takes attachments (Weibo DMs and the QQ interface are text-only). */
export const ATTACHMENTS: Record<ServiceId, boolean> = { wechat: true, weibo: false, qq: false };

const NEAR_BOTTOM = 80;
const NEAR_TOP = 60;

export function ConversationView(props: ConversationViewProps) {
  const { store, connection, id, conversation, locale } = props;
  const service = conversation?.service ?? props.service;
  const title = conversation?.title || props.fallbackTitle;
  const isGroup = conversation?.isGroup ?? props.isGroup;
  const history = useHistory(store, id);
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const anchor = useRef<{ height: number; top: number } | undefined>(undefined);
  const [error, setError] = useState('');

  const report = (e: unknown) => setError(e instanceof RequestError ? e.message : String(e));
  const peerId = conversation?.peerId ?? id.slice(id.indexOf('|') + 1);
  const recall = useRecall(connection, service, peerId, history.messages, setError);

  // Read on open, and again when something new arrives while the user is looking.
  const unread = conversation?.unread ?? 0;
  const readFor = useRef('');
  useEffect(() => {
    if (document.visibilityState !== 'visible') return;
    if (readFor.current === id && unread === 0) return;
    readFor.current = id;
    connection.request('markRead', { conversationId: id }).catch(report);
  }, [id, unread]);

  // Scroll: to the bottom at first and while the user is at the bottom; keep the view still when
  // older messages are put on top.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (anchor.current) {
      el.scrollTop = el.scrollHeight - anchor.current.height + anchor.current.top;
      anchor.current = undefined;
    } else if (stick.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [history.messages, history.ready]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM;
    if (el.scrollTop < NEAR_TOP && history.ready && !history.complete && !history.loadingOlder) {
      const before = { height: el.scrollHeight, top: el.scrollTop };
      void history.loadOlder().then((added) => {
        if (added) anchor.current = before;
      });
    }
  };

  // Set before the store changes so the layout effect sees it: own sends always scroll down.
  const send = async (text: string) => {
    stick.current = true;
    setError('');
    await connection.request('sendText', { conversationId: id, text });
  };
  const attach = async (file: { kind: 'image' | 'file'; name: string; mime: string; base64: string }) => {
    stick.current = true;
    setError('');
    await connection.request('sendAttachment', { conversationId: id, attachment: file });
  };
  const retry = (m: Message) => {
    setError('');
    connection.request('retrySend', { messageKey: m.key }).catch(report);
  };
  const startRecall = (m: Message) => {
    setError('');
    void recall.recall(m);
  };
  const toggleMute = () => {
    if (conversation) connection.request('setMuted', { conversationId: id, muted: !conversation.muted }).catch(report);
  };

  const items: ComponentChildren[] = [];
  const now = Date.now();
  let previous: Message | undefined;
  for (const m of history.messages) {
    if (!previous || !sameDay(previous.at, m.at)) {
      items.push(
        <li key={`day-${m.key}`} class="day">
          <h3>{dayLabel(m.at, now, locale, { today: t('pop_today'), yesterday: t('pop_yesterday') })}</h3>
        </li>,
      );
    }
    const showSender = isGroup && m.direction === 'in' && (!previous || previous.senderId !== m.senderId || previous.kind === 'system' || !sameDay(previous.at, m.at));
    items.push(
      <MessageItem
        key={m.key}
        message={m}
        showSender={showSender}
        locale={locale}
        onRetry={retry}
        {...(recall.can(m) ? { onRecall: startRecall } : {})}
        recalling={recall.pending.has(m.key)}
        recalledHere={recall.done.has(m.key)}
      />,
    );
    previous = m;
  }

  return (
    <section class="conversation" aria-labelledby="conv-title">
      <header class="bar conv-bar">
        {props.onBack && (
          <button type="button" class="icon" onClick={props.onBack} aria-label={t('pop_back')}>
            ←
          </button>
        )}
        <ServiceMark service={service} />
        <h2 id="conv-title" class="conv-title">
          {title}
        </h2>
        {props.onProfile && (
          <button type="button" class="small" onClick={props.onProfile}>
            {t('pop_profile')}
          </button>
        )}
        {conversation && (
          <button type="button" class="small" aria-pressed={conversation.muted} onClick={toggleMute}>
            {conversation.muted ? t('pop_unmute') : t('pop_mute')}
          </button>
        )}
      </header>
      <div class="history" ref={scroller} onScroll={onScroll} tabIndex={0} role="log" aria-label={t('pop_history')}>
        {history.ready && history.complete && history.messages.length > 0 && <p class="history-start">{t('pop_historyStart')}</p>}
        {history.loadingOlder && (
          <p class="history-start" role="status">
            {t('pop_loadingOlder')}
          </p>
        )}
        {history.ready && history.messages.length === 0 && <p class="history-start">{t('pop_noMessages')}</p>}
        <ol class="messages" aria-label={t('pop_messages')}>
          {items}
        </ol>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <Composer key={id} autoFocus canAttach={ATTACHMENTS[service]} onSend={send} onAttach={attach} onError={report} />
    </section>
  );
}
