// The rule tester: "what would happen if this message arrived now?" The worker runs the real
// engine (testAutoReply) on the saved rules; the page shows each rule's trace and the decision.
import { useState } from 'preact/hooks';
import type { ServiceId } from '../shared/domain.ts';
import type { Explanation } from '../background/autoreply/types.ts';
import { REPLYABLE_KINDS, type ReplyableKind } from '../shared/rules.ts';
import type { WorkerConnection } from '../ui/connection.ts';
import { t } from '../ui/i18n.ts';
import { Checkbox, Select, TextField } from './fields.tsx';
import { explanationLines } from './trace-text.ts';
import { errorText } from '../ui/format.ts';

export function TesterSection({ connection, unsaved }: { connection: WorkerConnection; unsaved: boolean }) {
  const [text, setText] = useState('');
  const [senderName, setSenderName] = useState(t('opt_sampleName'));
  const [service, setService] = useState<ServiceId>('wechat');
  const [kind, setKind] = useState<ReplyableKind>('text');
  const [isGroup, setIsGroup] = useState(false);
  const [mentionsMe, setMentionsMe] = useState(false);
  const [isContact, setIsContact] = useState(true);
  const [result, setResult] = useState<Explanation | undefined>();
  const [error, setError] = useState('');

  const run = async (event: Event) => {
    event.preventDefault();
    setError('');
    try {
      setResult(await connection.request('testAutoReply', { service, text, senderName, isGroup, mentionsMe: isGroup && mentionsMe, isContact, kind }));
    } catch (e) {
      setResult(undefined);
      setError(errorText(e));
    }
  };
  const lines = result && explanationLines(result, t);
  return (
    <section id="tester" aria-labelledby="tester-title" class="section">
      <h2 id="tester-title">{t('opt_tester')}</h2>
      <p class="hint">{unsaved ? t('opt_testerUnsaved') : t('opt_testerHint')}</p>
      <form class="card tester-form" aria-labelledby="tester-title" onSubmit={(e) => void run(e)}>
        <TextField label={t('opt_testMessage')} multiline value={text} maxLength={5000} onChange={setText} />
        <div class="row">
          <TextField label={t('opt_testSender')} value={senderName} maxLength={200} onChange={setSenderName} />
          <Select
            label={t('service')}
            value={service}
            onChange={setService}
            options={[
              { value: 'wechat', label: t('service_wechat') },
              { value: 'weibo', label: t('service_weibo') },
              { value: 'qq', label: t('service_qq') },
            ]}
          />
          <Select label={t('opt_testKind')} value={kind} onChange={setKind} options={REPLYABLE_KINDS.map((k) => ({ value: k, label: t(`opt_kind_${k}`) }))} />
        </div>
        <div class="choices">
          <Checkbox label={t('opt_testIsContact')} checked={isContact} onChange={setIsContact} />
          <Checkbox label={t('opt_testIsGroup')} checked={isGroup} onChange={setIsGroup} />
          <Checkbox label={t('opt_testMentioned')} checked={mentionsMe} disabled={!isGroup} onChange={setMentionsMe} />
        </div>
        <div class="actions">
          <button type="submit" class="primary">
            {t('opt_runTest')}
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {result && lines && (
        <div class="card tester-result" aria-live="polite" aria-labelledby="tester-result-title">
          <h3 id="tester-result-title">{t('opt_testResult')}</h3>
          <p class={`decision decision-${result.decision.kind}`} data-testid="decision">
            {lines.decision}
          </p>
          {result.decision.kind === 'reply' && <pre class="reply-text">{result.decision.text}</pre>}
          <h4>{t('opt_traces')}</h4>
          {lines.rules.length === 0 ? (
            <p class="muted">{t('opt_noRules')}</p>
          ) : (
            <ol class="traces">
              {lines.rules.map((line) => (
                <li key={line.ruleId} class={`trace trace-${line.status}`}>
                  {line.text}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
