import type { ReactNode } from 'react';
import { useUi, useVoicePrompt } from '../settings';
import type { Text } from '../text';
import { AlertGlyph, CounterGlyph } from './icons';

export interface FailurePanelProps {
  /** What went wrong, plainly ("打印机暂时无法使用"). */
  reason: Text;
  /** Where to go instead: a counter named by the site ("3 号窗口"), or the catalogue's default. */
  counter?: Text;
  /** A short reference staff can look up; never personal data. */
  reference?: string;
  title?: Text;
  /** What the citizen can do next (try again, finish). */
  children?: ReactNode;
}

export function FailurePanel({
  reason,
  counter = 'counter.staffed',
  reference,
  title = 'failure.title',
  children,
}: FailurePanelProps) {
  const { t } = useUi();
  useVoicePrompt('failure.goToCounter');
  const counterName = t(counter);
  return (
    <section className="ui-panel ui-failure" role="alert" data-testid="failure">
      <h2 className="ui-title">
        <AlertGlyph />
        {t(title)}
      </h2>
      <p className="ui-lead">{t(reason)}</p>
      <p className="ui-failure-counter" data-testid="failure-counter">
        <CounterGlyph />
        {t({ key: 'failure.goToCounter', params: { counter: counterName } })}
      </p>
      {reference && (
        <p className="ui-failure-reference">{t({ key: 'failure.reference', params: { code: reference } })}</p>
      )}
      {children && <div className="ui-dialog-actions">{children}</div>}
    </section>
  );
}
