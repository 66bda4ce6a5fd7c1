// A service's mark: a coloured square with a letter, named for screen readers.
import type { ServiceId } from '../shared/domain.ts';
import { t } from './i18n.ts';

const LETTER: Record<ServiceId, string> = { wechat: 'W', weibo: '微', qq: 'Q' };

export function ServiceMark({ service }: { service: ServiceId }) {
  return (
    <span class={`svc svc-${service}`} role="img" aria-label={t(`service_${service}`)} title={t(`service_${service}`)}>
      {LETTER[service]}
    </span>
  );
}
