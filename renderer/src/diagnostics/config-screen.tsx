// The site configuration: every value by its path, changed with a pad or a one-tap choice, checked
// by the host before it is applied (problems shown by path), applied by restarting only the
// devices it touches, and rolled back to the previous one in one step.
import { useState } from 'react';
import type { ConfigApplied } from '../../../main/ipc/contract';
import { NumberPad } from '../input/number-pad';
import { ActionButton, Pager } from '../ui/components';
import { useUi } from '../ui/settings';
import { useLoad, when, type DiagApi } from './api';
import { ConfigTextInput } from './text-keys';
import {
  deviceOf,
  fieldsOf,
  REDACTED,
  suggestionsFor,
  withValue,
  type Field,
  type Leaf,
} from './config-fields';

type Issue = { path: string; message: string };
/** Rows a page holds with the action rows still on screen (elder mode's type is larger). */
const PER_PAGE = {
  standard: { portrait: 9, landscape: 6 },
  elder: { portrait: 6, landscape: 4 },
} as const;

const shown = (v: Leaf) => (v === null ? '—' : String(v));

export function ConfigScreen({ api }: { api: DiagApi }) {
  const { t, locale, orientation, mode } = useUi();
  const [view, , setView] = useLoad(() => api.config());
  const [draft, setDraft] = useState<Record<string, unknown>>();
  const [editing, setEditing] = useState<Field>();
  const [issues, setIssues] = useState<Issue[]>();
  const [outcome, setOutcome] = useState<ConfigApplied & { kind: 'apply' | 'rollback' }>();
  const [page, setPage] = useState(0);
  const [busy, setBusy] = useState(false);
  const v = view.value;
  if (!v) return <p className="ui-muted">{t(view.error ? 'diag.hostUnreachable' : 'diag.loading')}</p>;
  const config = draft ?? v.config;
  const fields = fieldsOf(config);
  const original = new Map(fieldsOf(v.config).map((f) => [f.path, f.value]));
  const changed = fields.filter((f) => original.get(f.path) !== f.value);
  const issueAt = new Map((issues ?? []).map((i) => [i.path, i.message]));

  const done = (r: ConfigApplied, kind: 'apply' | 'rollback') => {
    setOutcome({ ...r, kind });
    setView(r.view);
    if (r.applied) {
      setDraft(undefined);
      setIssues(undefined);
    } else setIssues(r.issues);
  };
  const validate = async () => {
    setBusy(true);
    const r = await api.validateConfig({ config });
    setBusy(false);
    if (r.ok) setIssues(r.value.issues);
  };
  const apply = async () => {
    setBusy(true);
    const r = await api.applyConfig({ config, baseRevision: v.revision });
    setBusy(false);
    if (r.ok) done(r.value, 'apply');
  };
  const rollback = async () => {
    setBusy(true);
    const r = await api.rollbackConfig();
    setBusy(false);
    if (r.ok) done(r.value, 'rollback');
  };

  if (editing)
    return (
      <FieldEditor
        field={editing}
        onCancel={() => setEditing(undefined)}
        onSet={(value) => {
          setDraft(withValue(config, editing.at, value) as Record<string, unknown>);
          setIssues(undefined);
          setOutcome(undefined);
          setEditing(undefined);
        }}
      />
    );

  const per = PER_PAGE[mode][orientation];
  // Fields with a problem come first, so what the host refused is on the first page.
  const ordered = [
    ...fields.filter((f) => issueAt.has(f.path)),
    ...fields.filter((f) => !issueAt.has(f.path)),
  ];
  const pages = Math.max(1, Math.ceil(ordered.length / per));
  const p = Math.min(page, pages - 1);
  const unplaced = (issues ?? []).filter((i) => !fields.some((f) => f.path === i.path));
  return (
    <section className="diag-section" aria-labelledby="diag-config-title">
      <div className="diag-section-head">
        <h2 id="diag-config-title" className="ui-title">
          {t('diag.nav.config')}
        </h2>
        <span className="ui-muted" data-testid="config-revision">
          {t({ key: 'diag.config.revision', params: { rev: v.revision.slice(0, 8), source: v.source } })}
        </span>
      </div>
      {outcome && (
        <p
          className={`diag-note is-${outcome.applied ? 'pass' : 'fail'}`}
          role="status"
          data-testid="config-outcome"
        >
          {outcome.applied
            ? t({
                key: outcome.kind === 'apply' ? 'diag.config.applied' : 'diag.config.rolledBack',
                params: { devices: outcome.restarted.join(', ') || '—' },
              })
            : t('diag.config.notApplied')}
        </p>
      )}
      {issues && issues.length === 0 && (
        <p className="diag-note is-pass" role="status" data-testid="config-valid">
          {t('diag.config.valid')}
        </p>
      )}
      {unplaced.length > 0 && (
        <ul className="diag-lines" data-testid="config-issues">
          {unplaced.map((i) => (
            <li key={i.path} className="is-fail">
              <code>{i.path || '/'}</code> {i.message}
            </li>
          ))}
        </ul>
      )}
      <ul className="diag-fields" data-testid="config-fields">
        {ordered.slice(p * per, p * per + per).map((f) => {
          const locked =
            f.value === REDACTED ||
            f.path === 'kioskId' ||
            f.path.endsWith('.id') ||
            f.path.endsWith('.family');
          const was = original.get(f.path);
          return (
            <li key={f.path}>
              <button
                type="button"
                className={`diag-field${issueAt.has(f.path) ? ' has-issue' : ''}${was !== f.value ? ' is-changed' : ''}`}
                data-path={f.path}
                disabled={locked}
                onClick={() => setEditing(f)}
              >
                <span className="diag-field-path">
                  <code>{f.path}</code>
                  {deviceOf(config, f) && <span className="ui-muted"> · {deviceOf(config, f)}</span>}
                </span>
                <span className="diag-field-value">
                  {was !== f.value && was !== undefined && <del>{shown(was)}</del>} {shown(f.value)}
                </span>
                {issueAt.has(f.path) && (
                  <span className="diag-field-issue" role="alert">
                    {issueAt.get(f.path)}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      <Pager page={p} pages={pages} onPage={setPage} testId="config" />
      <p className="ui-muted">
        {changed.length > 0
          ? t({ key: 'diag.config.changes', params: { n: changed.length } })
          : v.previous
            ? t({ key: 'diag.config.previous', params: { time: when(locale, v.previous.savedAt) } })
            : t('diag.config.noPrevious')}
      </p>
      <div className="diag-row">
        <ActionButton
          variant="secondary"
          label="diag.config.validate"
          disabled={busy || changed.length === 0}
          onPress={() => void validate()}
          testId="config-validate"
        />
        <ActionButton
          label="diag.config.apply"
          disabled={busy || changed.length === 0}
          onPress={() => void apply()}
          testId="config-apply"
        />
        <ActionButton
          variant="secondary"
          label="diag.config.discard"
          disabled={busy || changed.length === 0}
          onPress={() => {
            setDraft(undefined);
            setIssues(undefined);
          }}
          testId="config-discard"
        />
        <ActionButton
          variant="secondary"
          label="diag.config.rollback"
          disabled={busy || !v.previous || changed.length > 0}
          onPress={() => void rollback()}
          testId="config-rollback"
        />
      </div>
    </section>
  );
}

/** Changes one value: usual values as choices, then the pad that fits its type. */
function FieldEditor({
  field,
  onSet,
  onCancel,
}: {
  field: Field;
  onSet: (v: Leaf) => void;
  onCancel: () => void;
}) {
  const { t } = useUi();
  const [text, setText] = useState(field.value === null ? '' : String(field.value));
  const numeric = typeof field.value === 'number';
  const suggestions = suggestionsFor(field);
  return (
    <section className="diag-section" data-testid="config-editor" data-path={field.path}>
      <h2 className="ui-title">
        <code>{field.path}</code>
      </h2>
      <p className="ui-muted">{t({ key: 'diag.config.current', params: { value: shown(field.value) } })}</p>
      {suggestions.length > 0 && (
        <div className="diag-row" role="group" aria-label={t('diag.config.usual')}>
          {suggestions.map((s) => (
            <ActionButton
              key={String(s)}
              variant={s === field.value ? 'primary' : 'secondary'}
              label={{ zh: typeof s === 'boolean' ? (s ? '是 true' : '否 false') : String(s), en: String(s) }}
              onPress={() => onSet(s)}
              testId={`choose-${String(s)}`}
            />
          ))}
        </div>
      )}
      {typeof field.value !== 'boolean' &&
        (numeric ? (
          <NumberPad
            kind="digits"
            label="diag.config.newValue"
            value={text}
            onChange={setText}
            maxLength={9}
          />
        ) : (
          <ConfigTextInput label="diag.config.newValue" value={text} onChange={setText} />
        ))}
      <div className="diag-row">
        <ActionButton variant="secondary" label="action.cancel" onPress={onCancel} testId="editor-cancel" />
        {typeof field.value !== 'boolean' && (
          <ActionButton
            label="action.confirm"
            disabled={text === '' || text === String(field.value)}
            onPress={() => onSet(numeric ? Number(text) : text)}
            testId="editor-set"
          />
        )}
      </div>
    </section>
  );
}
