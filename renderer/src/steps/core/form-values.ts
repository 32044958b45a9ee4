// The form's values on the page: what the host sent to show, what the citizen typed, what is sent.
import type { FieldView } from '../../../../main/ipc/contract/flow';
import type { Text } from '../../ui/text';

export type Values = Record<string, unknown>;

export function initialValues(fields: readonly FieldView[]): Values {
  const values: Values = {};
  for (const f of fields) if (f.value !== undefined) values[f.name] = f.value;
  return values;
}

/** The form input: the editable fields' values, numbers as numbers, empty ones left out. Locked fields come from the card in the host. */
export function toSubmitted(fields: readonly FieldView[], values: Values): Values {
  const out: Values = {};
  for (const f of fields) {
    if (f.locked) continue;
    const v = values[f.name];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[f.name] =
      f.kind === 'number' && typeof v === 'string' ? Number(v) : typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

/** What a field shows: an option's label, the typed text, or the host's masked display. */
export function fieldText(f: FieldView, value: unknown, t: (text: Text) => string): string {
  if (value === undefined || value === '') return f.display ?? '';
  if (f.options && typeof value === 'string') {
    const o = f.options.find((x) => x.value === value);
    return o ? t(o.label) : value;
  }
  if (Array.isArray(value) && f.options)
    return value
      .map((v) => f.options!.find((o) => o.value === v))
      .flatMap((o) => (o ? [t(o.label)] : []))
      .join('、');
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  return `${text}${f.unit && text ? ` ${t(f.unit)}` : ''}`;
}
