// Materials captured on the document camera (H5's DocumentCapture); the pages go to the host
// (`flow:capture`), which assembles the PDF and answers with the view. The page keeps no copy.
import { useState } from 'react';
import type { MessageKey } from '../../i18n/messages';
import { toBase64 } from '../../api/filings';
import { DocumentCapture } from '../../capture/document-capture';
import type { CapturedPage } from '../../capture/captured-page';
import { ActionButton } from '../../ui/components';
import { useUi } from '../../ui/settings';
import { useHost } from '../../shell/host-context';
import { StepFrame } from '../step-frame';
import type { StepProps } from '../types';
import { NextAction } from './next';

export function CaptureStep({ view, send }: StepProps<'capture'>) {
  const { t } = useUi();
  const host = useHost();
  const [taking, setTaking] = useState<string>();
  const [sending, setSending] = useState(false);
  const material = view.materials.find((m) => m.kind === taking);
  if (material && !sending)
    return (
      <StepFrame heading={material.name} lead={material.hint} voice="step.capture">
        <DocumentCapture
          maxPages={Math.max(1, material.maxPages - material.pages)}
          onCancel={() => setTaking(undefined)}
          onComplete={(pages: CapturedPage[]) => {
            setSending(true);
            void host
              .capture({
                material: material.kind,
                pages: pages.map((p) => ({ paper: p.paper, data: toBase64(p.jpeg) })),
              })
              .finally(() => {
                setSending(false);
                setTaking(undefined);
              });
          }}
        />
      </StepFrame>
    );
  return (
    <StepFrame
      heading="capture.title"
      lead={
        view.pageLimit
          ? { key: 'capture.pagesUsed', params: { n: view.pagesUsed, m: view.pageLimit } }
          : 'capture.lead'
      }
      voice="step.capture"
      actions={<NextAction send={send} />}
    >
      {sending && (
        <p className="ui-lead" role="status">
          {t('capture.sending')}
        </p>
      )}
      {view.error && (
        <p className="shell-notice" role="alert" data-testid="capture-error">
          {t(`capture.error.${view.error}` satisfies MessageKey)}
        </p>
      )}
      <ul className="step-materials">
        {view.materials.map((m) => (
          <li key={m.kind} className={`step-material${m.pages > 0 ? ' is-done' : ''}`} data-material={m.kind}>
            <span className="step-material-text">
              <strong>
                {t(m.name)}
                {!m.required && <span className="ui-muted"> · {t('form.optional')}</span>}
              </strong>
              {m.hint && <span className="ui-muted">{t(m.hint)}</span>}
              <span>
                {m.pages > 0 ? t({ key: 'capture.pages', params: { n: m.pages } }) : t('capture.none')}
              </span>
            </span>
            <ActionButton
              variant={m.pages > 0 ? 'secondary' : 'primary'}
              label={m.pages > 0 ? 'capture.more' : 'capture.take'}
              disabled={sending || m.pages >= m.maxPages}
              onPress={() => setTaking(m.kind)}
              testId={`capture-${m.kind}`}
            />
          </li>
        ))}
      </ul>
    </StepFrame>
  );
}
