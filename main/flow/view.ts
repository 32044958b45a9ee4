/**
 * What the page renders: `viewOf(state, catalogue)` → FlowView. It holds only what the screen shows:
 * the citizen's name, a masked ID number and the card type, the current step's texts and fields.
 * The full ID number, the PAN, scans and identity details never leave the host.
 */
import type { Catalogue } from '../../domain/catalogue/catalogue';
import { findService } from '../../domain/catalogue/catalogue';
import { inputOf, isLocked, type FormField } from '../../domain/catalogue/fields';
import type { QueryKind, QueryResult } from '../../domain/catalogue/queries';
import { availability, type ServiceDefinition } from '../../domain/catalogue/service';
import type { Step } from '../../domain/catalogue/steps';
import { PRINT_DOCS, THEMES, type DeviceRole } from '../../domain/catalogue/vocabulary';
import { maskAccount, maskIdNumber, maskPan } from '../../domain/identity';
import {
  LEVEL_LABELS,
  RATING_LEVELS,
  RATING_OPTIONS,
  RATING_TEXT_MAX,
  isPoorRating,
  optionsFor,
} from '../../domain/rating';
import { t, type LocalText } from '../../domain/text';
import type { CatalogueView, FieldView, FlowView, IdentityView, Row, StepView } from '../ipc/contract/flow';
import { backTarget, prefillOf, rateSubject, sourceOptions } from './engine';
import { offeredMethods, shownSteps, truth } from './facts';
import { remindersOf } from './lifecycle';
import type { FlowRun, Identity, SessionState } from './model';
import { displayOf } from './records';
import type { Tx } from './tx';

export function viewOf(s: SessionState, catalogue: Catalogue): FlowView {
  const flow = s.flow;
  const def = flow ? findService(catalogue, flow.serviceId) : undefined;
  const busy = Object.values(flow?.pending ?? {}).find((p) => p.busy && (!p.held || !flow?.fault));
  return {
    phase: s.phase,
    profile: s.profile,
    elder: s.elder,
    ...(s.identity ? { identity: identityView(s.identity) } : {}),
    ...(def ? { service: { serviceId: def.serviceId, name: def.name } } : {}),
    ...(flow && def && s.phase === 'flow' ? { step: stepView(s, flow, def, catalogue) } : {}),
    ...(busy?.busy ? { busy: { key: busy.busy } } : {}),
    ...(flow?.fault ? { fault: { code: flow.fault.code, options: flow.fault.options } } : {}),
    idle: {
      deadline: s.idle && !s.idle.paused ? s.idle.deadline : null,
      warning: s.idle?.warning ?? false,
    },
    // A card in the reader is expected during a session; only at the end is it a reminder.
    reminders: remindersOf(s, s.phase === 'ending'),
    can: {
      back: s.phase === 'flow' && !!flow && !!def && !flow.fault && backTarget(def, flow, s) !== undefined,
      cancel: s.phase === 'browsing' || s.phase === 'flow',
    },
    ...(s.browse?.notice ? { notice: s.browse.notice } : {}),
    ...(s.ended ? { ended: { reason: s.ended.reason, outcome: s.ended.outcome } } : {}),
  };
}

export function identityView(i: Identity): IdentityView {
  if (i.method === 'bankCard')
    return { method: i.method, card: maskPan(i.pan), ...(i.name ? { name: i.name } : {}) };
  return {
    method: i.method,
    name: i.name,
    idNumber: maskIdNumber(i.idNumber),
    cardType: i.idKind,
    ...(i.cardNumber ? { card: maskAccount(i.cardNumber) } : {}),
  };
}

function stepView(
  s: SessionState,
  flow: FlowRun,
  def: ServiceDefinition,
  catalogue: Catalogue,
): NonNullable<FlowView['step']> {
  const shown = shownSteps(def, s);
  const step = def.steps[flow.index]!;
  const n = Math.max(1, shown.indexOf(flow.index) + 1);
  const head = { id: step.id, n, m: Math.max(n, shown.length) };
  if (flow.referral) return { ...head, kind: 'referral', code: flow.referral.code, theme: THEMES[def.theme] };
  return { ...head, ...bodyOf(s, flow, def, step, catalogue) };
}

function bodyOf(
  s: SessionState,
  flow: FlowRun,
  def: ServiceDefinition,
  step: Step,
  catalogue: Catalogue,
): StepView {
  const data = flow.data;
  const ctx = { tx: { s } as Tx, def, env: { catalogue } };
  switch (step.kind) {
    case 'guide':
      return { kind: 'guide', summary: def.summary, guide: def.guide };
    case 'identify': {
      const pending = Object.values(flow.pending).find((p) => p.type === 'device.readIdentity');
      return {
        kind: 'identify',
        accept: offeredMethods(def, step, s),
        ...(step.orCode ? { orCode: step.orCode } : {}),
        reading: pending?.busy === 'readingCard',
      };
    }
    case 'form': {
      const prefill = prefillOf(def.form!.fields, s.identity);
      const values = { ...prefill, ...(data.form ?? {}), ...(data.formDraft ?? {}) };
      return {
        kind: 'form',
        fields: def.form!.fields.map((f) => fieldView(f, values[f.name], f.name in prefill)),
        errors: data.formErrors ?? [],
      };
    }
    case 'choose':
      return {
        kind: 'choose',
        key: step.key,
        prompt: step.prompt,
        options: chooseOptions(ctx, step, catalogue),
        ...(data.choices[step.key] ? { selected: data.choices[step.key] } : {}),
      };
    case 'capture': {
      const pages = (kind: string) => (data.materials[kind] ?? []).reduce((n, i) => n + i.pages, 0);
      return {
        kind: 'capture',
        materials: step.materials.map((m) => ({
          kind: m.kind,
          name: m.name,
          ...(m.hint ? { hint: m.hint } : {}),
          required: m.required,
          maxPages: m.maxPages,
          pages: pages(m.kind),
        })),
        ...(step.pageLimit !== undefined ? { pageLimit: step.pageLimit } : {}),
        pagesUsed: step.materials.reduce((n, m) => n + pages(m.kind), 0),
        ...(data.captureError ? { error: data.captureError } : {}),
      };
    }
    case 'elicences': {
      const items = data.elicences?.items ?? [];
      return {
        kind: 'elicences',
        items: items.map((e, i) => ({ ...e, id: String(i), number: maskAccount(e.number) })),
        selected: items.flatMap((e, i) => (data.elicences?.selected.includes(e.number) ? [String(i)] : [])),
      };
    }
    case 'confirm':
      return confirmView(s, flow, def);
    case 'submit':
      return { kind: 'submit' };
    case 'waitResult':
      return { kind: 'waitResult', deadline: data.resultDeadline ?? null };
    case 'print': {
      const printed = data.printed[step.id] ?? [];
      const pending = Object.values(flow.pending);
      return {
        kind: 'print',
        outputs: step.outputs
          .filter((o) => truth(o.when, s) === true)
          .map((o) => ({
            doc: o.doc,
            printer: PRINT_DOCS[o.doc],
            state: printed.includes(o.doc)
              ? ('printed' as const)
              : pending.some((p) => p.doc === o.doc)
                ? flow.fault
                  ? ('failed' as const)
                  : ('printing' as const)
                : ('waiting' as const),
          })),
        asking: step.optional && !data.printAccepted.includes(step.id),
      };
    }
    case 'lockerDeposit':
    case 'lockerPickup':
      return {
        kind: step.kind,
        state: data.locker?.state ?? 'opening',
        ...(data.locker?.door ? { door: data.locker.door } : {}),
      };
    case 'queueTicket':
    case 'checkIn':
      return { kind: step.kind, ...(data.ticket ? { ticket: data.ticket } : {}) };
    case 'rate': {
      const subject = rateSubject(ctx);
      const service = subject ? findService(catalogue, subject.serviceId)?.name : undefined;
      return {
        kind: 'rate',
        subject: { trackingNumber: subject?.trackingNumber ?? '', ...(service ? { service } : {}) },
        levels: RATING_LEVELS.map((level) => ({
          level,
          label: LEVEL_LABELS[level],
          poor: isPoorRating(level),
          options: optionsFor(level).map((id) => ({ id, label: RATING_OPTIONS[id] })),
        })),
        textMax: RATING_TEXT_MAX,
        optional: step.optional,
        ...(data.ratingErrors ? { error: data.ratingErrors } : {}),
      };
    }
    case 'lookup': {
      const result = data.lookup[step.query];
      return {
        kind: 'lookup',
        query: step.query,
        ...(result !== undefined ? { result: displayOf(step.query, result as QueryResult<QueryKind>) } : {}),
      };
    }
    case 'enterCode':
      return {
        kind: 'enterCode',
        code: step.code,
        input: step.code === 'pickupCode' ? 'digits' : 'letters',
        scan: step.scan,
        ...(data.codeError ? { error: data.codeError } : {}),
      };
    case 'sample': {
      const chosen = data.choices.service ? findService(catalogue, data.choices.service) : undefined;
      const sample = chosen?.sampleForm ?? {};
      return {
        kind: 'sample',
        service: chosen?.name ?? def.name,
        fields: (chosen?.form?.fields ?? []).map((f) => fieldView(f, sample[f.name], false)),
      };
    }
    case 'notice':
      return { kind: 'notice', tone: step.tone, message: step.message };
    case 'done': {
      const message = step.messages.find((m) => truth(m.when, s) === true) ?? step.messages.at(-1)!;
      return { kind: 'done', message: message.text, rows: summaryRows(flow) };
    }
  }
}

function fieldView(f: FormField, value: unknown, prefilled: boolean): FieldView {
  const locked = prefilled && isLocked(f);
  const base: FieldView = {
    name: f.name,
    kind: f.kind,
    label: f.label,
    ...(f.hint ? { hint: f.hint } : {}),
    required: f.required,
    input: inputOf(f),
    locked,
  };
  // An ID number reaches the page masked, whoever typed it; the page keeps its own input while editing.
  if (f.kind === 'idNumber')
    return { ...base, ...(typeof value === 'string' ? { display: maskIdNumber(value) } : {}) };
  const shown = value === undefined ? {} : { value };
  switch (f.kind) {
    case 'text':
      return {
        ...base,
        ...shown,
        ...(f.minLength !== undefined ? { minLength: f.minLength } : {}),
        maxLength: f.maxLength,
      };
    case 'address':
      return { ...base, ...shown, minLength: 4, maxLength: f.maxLength };
    case 'number':
      return {
        ...base,
        ...shown,
        ...(f.unit ? { unit: f.unit } : {}),
        ...(f.min !== undefined ? { min: f.min } : {}),
        ...(f.max !== undefined ? { max: f.max } : {}),
      };
    case 'choice':
      return { ...base, ...shown, options: f.options };
    case 'multiChoice':
      return { ...base, ...shown, options: f.options, allowOther: f.allowOther, maxItems: f.maxItems };
    case 'date':
    case 'phone':
      return { ...base, ...shown };
  }
}

function chooseOptions(
  ctx: Parameters<typeof sourceOptions>[0],
  step: Extract<Step, { kind: 'choose' }>,
  catalogue: Catalogue,
) {
  if (step.options) return step.options;
  const data = ctx.tx.s.flow!.data;
  const values = sourceOptions(ctx, step);
  return values.map((value) => {
    switch (step.from) {
      case 'filings': {
        const items = (data.lookup.progress as QueryResult<'progress'> | undefined)?.items ?? [];
        const item = items.find((i) => i.trackingNumber === value)!;
        const name =
          item.serviceName ??
          findService(catalogue, item.serviceId)?.name ??
          t(item.serviceId, item.serviceId);
        return { value, label: name, detail: t(value, value) };
      }
      case 'appointments': {
        const items = (data.lookup.appointments as QueryResult<'appointments'> | undefined)?.items ?? [];
        const a = items.find((i) => i.appointmentId === value)!;
        const when = displayOf('appointments', { items: [a] }).table!.rows[0]![1]!;
        return { value, label: a.serviceName, detail: t(when, when) };
      }
      case 'formServices':
      case undefined: {
        const svc = findService(catalogue, value);
        return { value, label: svc?.name ?? t(value, value), ...(svc ? { detail: svc.summary } : {}) };
      }
    }
  });
}

const DELIVERY: Record<string, LocalText> = {
  print: t('本机打印', 'Printed here'),
  locker: t('自助柜领取', 'Collected from a locker'),
  post: t('邮寄', 'By post'),
};

function confirmView(s: SessionState, flow: FlowRun, def: ServiceDefinition): StepView {
  const data = flow.data;
  const form = data.form ?? {};
  const rows: Row[] = [];
  if (s.identity && s.identity.method !== 'bankCard') {
    rows.push({ label: t('申请人', 'Applicant'), value: s.identity.name });
    rows.push({ label: t('证件号码', 'ID number'), value: maskIdNumber(s.identity.idNumber) });
  }
  for (const f of def.form?.fields ?? []) {
    const v = form[f.name];
    if (v === undefined || f.prefill === 'name' || f.prefill === 'idNumber') continue;
    rows.push({ label: f.label, value: displayValue(f, v) });
  }
  const specs = def.steps.flatMap((x) => (x.kind === 'capture' ? x.materials : []));
  const materials = specs
    .map((m) => ({ name: m.name, pages: (data.materials[m.kind] ?? []).reduce((n, i) => n + i.pages, 0) }))
    .filter((m) => m.pages > 0);
  const submit = def.steps.find((x) => x.kind === 'submit');
  const method =
    submit?.kind === 'submit'
      ? submit.delivery === 'choice'
        ? data.choices.delivery
        : submit.delivery
      : undefined;
  return {
    kind: 'confirm',
    rows,
    materials,
    ...(method && DELIVERY[method] ? { delivery: DELIVERY[method] } : {}),
  };
}

function displayValue(f: FormField, v: unknown): string {
  const label = (value: unknown) => {
    if (f.kind !== 'choice' && f.kind !== 'multiChoice') return String(value);
    const o = f.options.find((x) => x.value === value);
    return o ? o.label.zh : String(value);
  };
  if (f.kind === 'idNumber') return maskIdNumber(String(v));
  if (Array.isArray(v)) return v.map(label).join('、');
  if (f.kind === 'number' && f.unit) return `${String(v)} ${f.unit.zh}`;
  return label(v);
}

function summaryRows(flow: FlowRun): Row[] {
  const d = flow.data;
  return [
    ...(d.submission?.trackingNumber
      ? [{ label: t('受理编号', 'Tracking number'), value: d.submission.trackingNumber }]
      : []),
    ...(d.ticket ? [{ label: t('排队号', 'Queue number'), value: d.ticket.number }] : []),
    ...(d.ticket ? [{ label: t('前面等候', 'Waiting ahead'), value: String(d.ticket.waiting) }] : []),
    ...(d.locker?.door ? [{ label: t('柜门', 'Locker door'), value: d.locker.door }] : []),
  ];
}

/** The catalogue as the page lists it, each service available or not with the devices usable now. */
export function catalogueView(catalogue: Catalogue, usable: ReadonlySet<DeviceRole>): CatalogueView {
  return {
    profile: catalogue.profile,
    source: catalogue.source,
    themes: catalogue.themes.map((id) => ({ id, name: THEMES[id] })),
    services: catalogue.services.map((svc) => {
      const a = availability(svc, usable);
      return {
        serviceId: svc.serviceId,
        theme: svc.theme,
        name: svc.name,
        summary: svc.summary,
        identification: svc.identification,
        available: a.available,
        ...(a.available ? {} : { missing: a.missing }),
      };
    }),
  };
}
