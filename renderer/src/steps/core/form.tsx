// The form: fields as the host describes them (prefilled, locked from the card, errors from the
// host's check), each edited with H5's on-screen input for its kind. What is typed stays in this
// screen until it is sent; the host checks it and answers with errors or the next step.
import { useState } from 'react';
import type { FieldView } from '../../../../main/ipc/contract/flow';
import type { MessageKey } from '../../i18n/messages';
import { TextEntry } from '../../input/text-entry';
import { ActionButton, ChoiceList } from '../../ui/components';
import { useUi } from '../../ui/settings';
import { StepFrame } from '../step-frame';
import type { StepProps } from '../types';
import { fieldText, initialValues, toSubmitted, type Values } from './form-values';

export function FormStep({ view, send }: StepProps<'form'>) {
  const { t } = useUi();
  const [values, setValues] = useState<Values>(() => initialValues(view.fields));
  const [editing, setEditing] = useState<string>();
  const errors = new Map(view.errors.map((e) => [e.path.split('.')[0]!, e]));
  const field = view.fields.find((f) => f.name === editing);
  if (field)
    return (
      <StepFrame
        heading={field.label}
        lead={field.hint}
        actions={
          <ActionButton label="form.doneField" onPress={() => setEditing(undefined)} testId="field-done" />
        }
      >
        <FieldEditor
          field={field}
          value={values[field.name]}
          onChange={(v) => setValues((all) => ({ ...all, [field.name]: v }))}
        />
      </StepFrame>
    );
  return (
    <StepFrame
      heading="form.title"
      lead={view.errors.length ? 'form.fixErrors' : 'form.lead'}
      voice="step.form"
      actions={
        <ActionButton
          label="action.next"
          onPress={() => send({ kind: 'form', values: toSubmitted(view.fields, values) })}
          testId="step-next"
        />
      }
    >
      <ul className="step-fields">
        {view.fields.map((f) => {
          const error = errors.get(f.name);
          const shown = fieldText(f, values[f.name], t);
          return (
            <li key={f.name}>
              <button
                type="button"
                className={`step-field${error ? ' has-error' : ''}${f.locked ? ' is-locked' : ''}`}
                disabled={f.locked}
                onClick={() => setEditing(f.name)}
                data-field={f.name}
                aria-invalid={error ? true : undefined}
              >
                <span className="step-field-label">
                  {t(f.label)}
                  {!f.required && <span className="ui-muted"> · {t('form.optional')}</span>}
                </span>
                <span className={`step-field-value${shown ? '' : ' is-empty'}`}>
                  {shown || t('form.tapToFill')}
                </span>
                {f.locked && <span className="ui-muted">{t('form.fromCard')}</span>}
                {error && (
                  <span className="step-field-error" role="alert">
                    {t((shown ? 'form.error.invalid' : 'form.error.required') satisfies MessageKey)}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </StepFrame>
  );
}

function FieldEditor({
  field,
  value,
  onChange,
}: {
  field: FieldView;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const { t } = useUi();
  if (field.kind === 'choice' && field.options)
    return (
      <ChoiceList
        label={field.label}
        choices={field.options.map((o) => ({
          id: o.value,
          label: o.label,
          ...(o.value === value ? { detail: 'form.chosen' as const } : {}),
        }))}
        onChoose={onChange}
      />
    );
  if (field.kind === 'multiChoice' && field.options) {
    const chosen = Array.isArray(value) ? (value as string[]) : [];
    return (
      <ul className="step-checks">
        {field.options.map((o) => {
          const on = chosen.includes(o.value);
          return (
            <li key={o.value}>
              <button
                type="button"
                role="checkbox"
                aria-checked={on}
                className={`step-check${on ? ' is-on' : ''}`}
                onClick={() => onChange(on ? chosen.filter((v) => v !== o.value) : [...chosen, o.value])}
              >
                <span className="step-check-box" aria-hidden="true">
                  {on ? '✓' : ''}
                </span>
                <span className="step-check-text">{t(o.label)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    );
  }
  if (field.kind === 'date') {
    // Typed as 8 digits (年月日) on the digit pad; sent as YYYY-MM-DD.
    const digits = typeof value === 'string' ? value.replace(/-/g, '') : '';
    return (
      <TextEntry
        kind="digits"
        label={{ key: 'form.dateFormat', params: { label: field.label } }}
        value={digits}
        maxLength={8}
        onChange={(d) => onChange(d.length === 8 ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : d)}
        testId="field-entry"
      />
    );
  }
  const kind = field.input === 'none' ? 'pinyin' : field.input;
  return (
    <TextEntry
      kind={kind}
      label={field.label}
      value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
      maxLength={field.maxLength ?? (field.kind === 'idNumber' ? 18 : field.kind === 'phone' ? 11 : 100)}
      onChange={onChange}
      testId="field-entry"
    />
  );
}
