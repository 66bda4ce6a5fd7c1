// Row contents of the two lists. Rows are listbox options: no buttons inside, text nodes only.
// The "Profile" mark on QQ people is a mouse shortcut hidden from assistive technology; keyboard
// and screen-reader users get the same through Alt+Enter on the list (aria-keyshortcuts).
import type { Conversation } from '../shared/domain.ts';
import { displayName, type Entry } from '../ui/contact-search.ts';
import { listTime, unreadLabel } from '../ui/format.ts';
import { t } from '../ui/i18n.ts';
import { BellOffIcon } from '../ui/icons.tsx';
import { ServiceMark } from '../ui/service-mark.tsx';
import { hasProfile } from './profile-target.ts';

export const ROW_HEIGHT = 56;

export function ConversationRow({ c, now, locale }: { c: Conversation; now: number; locale: string }) {
  return (
    <div class={`row conv-row${c.unread ? ' has-unread' : ''}${c.muted ? ' muted' : ''}`} data-conversation={c.id}>
      <ServiceMark service={c.service} />
      <div class="row-main">
        <div class="row-top">
          <span class="row-title">{c.title}</span>
          {c.isGroup && <span class="tag">{t('pop_group')}</span>}
          <span class="row-time">{listTime(c.lastAt, now, locale, { today: t('pop_today'), yesterday: t('pop_yesterday') })}</span>
        </div>
        <div class="row-bottom">
          <span class="row-preview">{c.lastPreview}</span>
          {c.muted && (
            <span class="muted-mark" title={t('pop_muted')}>
              <BellOffIcon />
              <span class="visually-hidden">{t('pop_muted')}</span>
            </span>
          )}
          {c.unread > 0 && (
            <span class={`badge${c.muted ? ' quiet' : ''}`}>
              <span aria-hidden="true">{unreadLabel(c.unread)}</span>
              <span class="visually-hidden">{t('pop_unreadCount', String(c.unread))}</span>
            </span>
          )}
        </div>
      </div>
    </div>
  );
}

export function ContactRow({ e, onProfile }: { e: Entry; onProfile?: (e: Entry) => void }) {
  const title = displayName(e);
  return (
    <div class="row contact-row" data-contact={e.conversationId}>
      <ServiceMark service={e.service} />
      <div class="row-main">
        <div class="row-top">
          <span class="row-title">{title}</span>
          {e.kind === 'group' && (
            <span class="tag">{e.memberCount ? t('pop_groupMembers', String(e.memberCount)) : t('pop_group')}</span>
          )}
          {e.kind === 'official' && <span class="tag">{t('pop_official')}</span>}
          {e.presence && (
            <span class={`presence presence-${e.presence}`}>
              <span class="dot" aria-hidden="true" />
              {t(`pop_presence_${e.presence}`)}
            </span>
          )}
        </div>
        <div class="row-bottom">
          <span class="row-preview">{e.remark ? e.name : e.peerId !== e.name ? e.peerId : ''}</span>
        </div>
      </div>
      {onProfile && hasProfile(e) && (
        <span
          class="row-action"
          aria-hidden="true"
          title={t('pop_profileOf', title)}
          onClick={(event) => {
            event.stopPropagation();
            onProfile(e);
          }}
        >
          {t('pop_profile')}
        </span>
      )}
    </div>
  );
}
