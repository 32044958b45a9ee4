/**
 * The flow engine: one service definition's steps, interpreted. Handlers change the transition's
 * private state copy (Tx) and emit effects; nothing here reads a clock, a random source or a device.
 */
import type { Catalogue } from '../../domain/catalogue/catalogue';
import { formSchema, isLocked, type FormField } from '../../domain/catalogue/fields';
import type { QueryKind } from '../../domain/catalogue/queries';
import type { ServiceDefinition } from '../../domain/catalogue/service';
import type { Step, StepKind, StepOf } from '../../domain/catalogue/steps';
import {
  PRINT_DOCS,
  PROFILE_METHODS,
  type PrintDoc,
  type ReadMethod,
} from '../../domain/catalogue/vocabulary';
import { idKindOf } from '../../domain/identity';
import { RatingSubmission } from '../../domain/rating';
import type { FaultOption, FlowFailure, FlowInput } from '../ipc/contract/flow';
import { recogniseCode, trackingNumberOf } from './codes';
import { identified, offeredMethods, truth } from './facts';
import { faultOptions } from './faults';
import { beginEnding } from './lifecycle';
import type {
  DeviceSignal,
  EffectType,
  FlowData,
  FlowRun,
  Identity,
  KeyedEffect,
  MaterialRef,
  Pending,
  PrintContext,
  Subject,
  TimerName,
} from './model';
import { checkResult, type TicketResult } from './results';
import { keyOf, type Tx } from './tx';

export interface Env {
  /** The catalogue of the session (for choices among services, 样表). */
  catalogue?: Catalogue;
}

interface Ctx {
  tx: Tx;
  def: ServiceDefinition;
  env: Env;
}

const flowOf = (c: Ctx): FlowRun => c.tx.s.flow!;
const currentStep = (c: Ctx): Step => c.def.steps[flowOf(c).index]!;
const is = <K extends StepKind>(step: Step, kind: K): step is StepOf<K> => step.kind === kind;

/** Steps the citizen rests on and may come back to. */
const RESTING: StepKind[] = [
  'guide',
  'identify',
  'form',
  'choose',
  'capture',
  'elicences',
  'confirm',
  'lookup',
  'enterCode',
  'sample',
  'notice',
];
/** Requests that stop when the citizen leaves their step. */
const WATCHES: EffectType[] = ['device.readIdentity', 'scanner.listen', 'backoffice.query'];

const emptyData = (): FlowData => ({
  choices: {},
  materials: {},
  lookup: {},
  printed: {},
  printAccepted: [],
});

export function startFlow(tx: Tx, def: ServiceDefinition, env: Env): void {
  const s = tx.s;
  s.visits += 1;
  s.phase = 'flow';
  s.flow = {
    serviceId: def.serviceId,
    visit: s.visits,
    index: -1,
    history: [],
    floor: -1,
    data: emptyData(),
    pending: {},
  };
  goNext({ tx, def, env }, false);
}

// ---------------------------------------------------------------------------------------------
// Navigation.

function goNext(c: Ctx, rested: boolean): void {
  const flow = flowOf(c);
  const from = flow.index;
  const next = c.def.steps.findIndex((step, i) => i > from && truth(step.when, c.tx.s) === true);
  if (next < 0) {
    // A definition ends with `done`; a guarded last step that does not hold ends the journey here.
    flow.outcome ??= 'completed';
    beginEnding(c.tx, 'done', flow.outcome);
    return;
  }
  if (rested && from >= 0 && RESTING.includes(currentStep(c).kind)) flow.history.push(from);
  leaveStep(c);
  flow.index = next;
  enter(c, false);
}

function leaveStep(c: Ctx): void {
  const flow = flowOf(c);
  for (const [key, p] of Object.entries(flow.pending)) if (WATCHES.includes(p.type)) c.tx.cancel(key);
  delete flow.fault;
  const d = flow.data;
  delete d.captureError;
  delete d.codeError;
  delete d.ratingErrors;
}

/** The index back would return to, or -1 for "out of the service", or undefined when back is not possible. */
export function backTarget(def: ServiceDefinition, flow: FlowRun, s: Tx['s']): number | undefined {
  if (Object.values(flow.pending).some((p) => p.busy && !p.held)) return undefined;
  for (let i = flow.history.length - 1; i >= 0; i--) {
    const k = flow.history[i]!;
    if (k <= flow.floor) return undefined;
    const step = def.steps[k]!;
    if (is(step, 'identify') && identified(def, step, s)) continue;
    return k;
  }
  return flow.floor < 0 ? -1 : undefined;
}

function back(c: Ctx): void {
  const flow = flowOf(c);
  const target = backTarget(c.def, flow, c.tx.s);
  if (target === undefined) return;
  if (target === -1) return leaveService(c);
  while (flow.history.length && flow.history.at(-1) !== target) flow.history.pop();
  flow.history.pop();
  leaveStep(c);
  flow.index = target;
  enter(c, true);
}

/** Back on the first step: out of the service, into the catalogue, the citizen still identified. */
export function leaveService(c: { tx: Tx }): void {
  const s = c.tx.s;
  for (const key of Object.keys(s.flow?.pending ?? {})) c.tx.cancel(key);
  delete s.flow;
  s.phase = 'browsing';
  armBrowse(c.tx);
}

/** While browsing with no identity, the readers watch for a card (placing one identifies the citizen). */
export function armBrowse(tx: Tx): void {
  const s = tx.s;
  if (s.identity || s.phase !== 'browsing') return;
  const key = `${s.sessionId ?? 'none'}:browse:${s.seq + 1}`;
  s.seq += 1;
  s.browse = { key };
  tx.emit({ type: 'device.readIdentity', key, accept: browseMethods(s) });
}

/** What the readers watch for while browsing: every method of the profile. */
export const browseMethods = (s: Tx['s']): ReadMethod[] => [...PROFILE_METHODS[s.profile]];

// ---------------------------------------------------------------------------------------------
// Entering a step: what it asks of the terminal.

function request(c: Ctx, effect: KeyedEffect, meta: Omit<Pending, 'type' | 'effect'> = {}): void {
  c.tx.request(effect, meta);
}

function commit(c: Ctx): void {
  const flow = flowOf(c);
  flow.floor = Math.max(flow.floor, flow.index);
}

function enter(c: Ctx, revisit: boolean): void {
  const s = c.tx.s;
  const flow = flowOf(c);
  const data = flow.data;
  const step = currentStep(c);
  const key = (what: string) => keyOf(s, step.id, what);
  switch (step.kind) {
    case 'guide':
    case 'form':
    case 'confirm':
    case 'notice':
    case 'sample':
    case 'capture':
      return;
    case 'done':
      flow.outcome = 'completed';
      return;
    case 'choose': {
      if (!step.from) return;
      const options = sourceOptions(c, step);
      if (options.length === 0) return fault(c, 'noRecords');
      if (options.length === 1 && step.from !== 'formServices' && !revisit) {
        data.choices[step.key] = options[0]!;
        return goNext(c, false);
      }
      return;
    }
    case 'identify': {
      if (identified(c.def, step, s)) return goNext(c, false);
      const accept = offeredMethods(c.def, step, s);
      if (accept.length === 0) return fault(c, 'deviceDown');
      request(c, { type: 'device.readIdentity', key: key('identity'), accept });
      if (step.orCode === 'receiptQr' && c.def.devices.includes('scanner'))
        request(c, { type: 'scanner.listen', key: key('scan'), code: 'receiptQr' });
      return;
    }
    case 'enterCode':
      if (step.scan) request(c, { type: 'scanner.listen', key: key('scan'), code: step.code });
      return;
    case 'lookup':
      if (data.lookup[step.query] !== undefined) return step.show ? undefined : goNext(c, false);
      return query(c, step.query, key(step.query));
    case 'elicences':
      if (data.elicences) return;
      return query(c, 'elicences', key('elicences'));
    case 'submit':
      commit(c);
      return request(c, submitEffect(c, step, key('filing')), { busy: 'submitting' });
    case 'waitResult': {
      const localId = data.submission?.localId;
      if (!localId) return goNext(c, false);
      request(
        c,
        { type: 'backoffice.awaitResult', key: key('result'), localId },
        { busy: 'waitingForResult' },
      );
      c.tx.setTimer('result', step.ms);
      data.resultDeadline = c.tx.at + step.ms;
      return;
    }
    case 'print':
      return startPrints(c, step);
    case 'lockerDeposit':
    case 'lockerPickup': {
      data.locker = { step: step.id, state: 'opening' };
      const purpose = step.kind === 'lockerDeposit' ? 'deposit' : 'pickup';
      const filing = purpose === 'deposit' ? filingRef(data) : {};
      return request(
        c,
        {
          type: 'locker.open',
          key: key('open'),
          purpose,
          ...filing,
          ...(purpose === 'pickup' ? { subject: subjectOf(c) } : {}),
        },
        { busy: 'openingDoor' },
      );
    }
    case 'queueTicket':
      commit(c);
      return request(
        c,
        {
          type: 'backoffice.queueTicket',
          key: key('ticket'),
          theme: data.choices.theme!,
          ...(s.identity ? { identity: s.identity } : {}),
        },
        { busy: 'issuingTicket' },
      );
    case 'checkIn':
      commit(c);
      return request(
        c,
        {
          type: 'backoffice.checkIn',
          key: key('checkIn'),
          appointmentId: data.choices.appointment!,
          identity: s.identity!,
        },
        { busy: 'checkingIn' },
      );
    case 'rate':
      if (!rateSubject(c)) return goNext(c, false);
      return;
  }
}

function query(c: Ctx, q: QueryKind, key: string): void {
  request(c, { type: 'backoffice.query', key, query: q, subject: subjectOf(c) }, { busy: 'querying' });
}

/** A code the citizen gave stands for them; otherwise their identity does. */
function subjectOf(c: Ctx): Subject {
  const { data } = flowOf(c);
  if (data.code) return { by: 'code', code: data.code.kind, value: data.code.value };
  return { by: 'identity', identity: c.tx.s.identity! };
}

/** The filing a deposit is for: the journey's own, or the one the citizen named. */
function filingRef(data: FlowData): { trackingNumber?: string; localId?: string } {
  const looked = data.lookup.filing as { trackingNumber?: string } | undefined;
  const tracking =
    data.submission?.trackingNumber ?? looked?.trackingNumber ?? (data.code && trackingNumberOf(data.code));
  if (tracking) return { trackingNumber: tracking };
  return data.submission ? { localId: data.submission.localId } : {};
}

function submitEffect(c: Ctx, step: StepOf<'submit'>, key: string): KeyedEffect {
  const s = c.tx.s;
  const { data } = flowOf(c);
  const person = s.identity as Extract<Identity, { idNumber: string }>;
  const form = data.form ?? {};
  const phoneField = c.def.form?.fields.find((f) => f.kind === 'phone');
  const phone = phoneField ? form[phoneField.name] : undefined;
  const method = step.delivery === 'choice' ? data.choices.delivery : step.delivery;
  return {
    type: 'backoffice.submit',
    key,
    localId: key,
    serviceId: c.def.serviceId,
    applicant: {
      idNumber: person.idNumber,
      name: person.name,
      ...(typeof phone === 'string' ? { phone } : {}),
    },
    form,
    delivery: { method: method === 'locker' || method === 'post' ? method : 'print' },
    materials: materialRefs(c),
    elicences: data.elicences?.selected ?? [],
  };
}

function materialRefs(c: Ctx): MaterialRef[] {
  const { data } = flowOf(c);
  const specs = c.def.steps.flatMap((s) => (is(s, 'capture') ? s.materials : []));
  return Object.entries(data.materials)
    .filter(([, items]) => items.length > 0)
    .map(([kind, items]) => ({
      kind,
      name: specs.find((m) => m.kind === kind)?.name.zh ?? kind,
      refs: items.map((i) => i.ref),
      pages: items.reduce((n, i) => n + i.pages, 0),
    }));
}

function startPrints(c: Ctx, step: StepOf<'print'>): void {
  const s = c.tx.s;
  const flow = flowOf(c);
  const data = flow.data;
  const docs = step.outputs.filter((o) => truth(o.when, s) === true).map((o) => o.doc);
  if (docs.length === 0) return goNext(c, false);
  if (step.optional && !data.printAccepted.includes(step.id)) return;
  commit(c);
  const printed = (data.printed[step.id] ??= []);
  for (const doc of docs) {
    const key = keyOf(s, step.id, doc);
    if (printed.includes(doc) || flow.pending[key]) continue;
    const type = PRINT_DOCS[doc] === 'a4' ? 'print.a4' : 'print.receipt';
    request(c, { type, key, doc, context: printContext(c, doc) }, { busy: 'printing', doc });
  }
  if (docs.every((d) => printed.includes(d))) goNext(c, false);
}

function printContext(c: Ctx, doc: PrintDoc): PrintContext {
  const s = c.tx.s;
  const { data } = flowOf(c);
  const sub = data.submission;
  return {
    serviceId: c.def.serviceId,
    ...(s.identity ? { identity: s.identity } : {}),
    ...(sub?.trackingNumber ? { trackingNumber: sub.trackingNumber } : {}),
    ...(sub?.qrPayload ? { qrPayload: sub.qrPayload } : {}),
    ...(sub ? { localId: sub.localId } : {}),
    ...(Object.keys(data.lookup).length ? { records: data.lookup } : {}),
    ...(data.ticket ? { ticket: data.ticket } : {}),
    ...(data.locker?.door ? { door: data.locker.door } : {}),
    ...(data.choices.service ? { formServiceId: data.choices.service } : {}),
    ...(doc === 'copies' ? { materials: materialRefs(c) } : {}),
  };
}

/** The filing a rating is about: the journey's own (once it has a tracking number) or the one chosen. */
export function rateSubject(c: {
  tx: Tx;
  def: ServiceDefinition;
}): { trackingNumber: string; serviceId: string } | undefined {
  const data = c.tx.s.flow!.data;
  if (data.choices.filing) {
    const items = (
      data.lookup.progress as { items: { trackingNumber: string; serviceId: string }[] } | undefined
    )?.items;
    const item = items?.find((i) => i.trackingNumber === data.choices.filing);
    return item ? { trackingNumber: item.trackingNumber, serviceId: item.serviceId } : undefined;
  }
  const tn = data.submission?.trackingNumber;
  return tn ? { trackingNumber: tn, serviceId: c.def.serviceId } : undefined;
}

/** The values a choice may take: fixed, or from a look-up or the catalogue. */
export function sourceOptions(
  c: { tx: Tx; def: ServiceDefinition; env: Env },
  step: StepOf<'choose'>,
): string[] {
  const data = c.tx.s.flow!.data;
  if (step.options) return step.options.map((o) => o.value);
  switch (step.from) {
    case 'filings':
      return ((data.lookup.progress as { items: { trackingNumber: string }[] } | undefined)?.items ?? []).map(
        (i) => i.trackingNumber,
      );
    case 'appointments':
      return (
        (data.lookup.appointments as { items: { appointmentId: string; status: string }[] } | undefined)
          ?.items ?? []
      )
        .filter((a) => a.status === 'booked')
        .map((a) => a.appointmentId);
    case 'formServices':
      return (c.env.catalogue?.services ?? []).filter((x) => x.form && x.sampleForm).map((x) => x.serviceId);
    case undefined:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Faults.

function fault(c: Ctx, code: FlowFailure, retry: KeyedEffect[] = [], held?: { key: string }): void {
  const flow = flowOf(c);
  const step = currentStep(c);
  const optional =
    (is(step, 'print') && step.optional) || (is(step, 'rate') && step.optional) || is(step, 'elicences');
  const canBack = backTarget(c.def, flow, c.tx.s) !== undefined;
  let options = faultOptions(code, { held: held !== undefined, optional, canBack });
  if (retry.length === 0 && !held) options = options.filter((o) => o !== 'retry');
  flow.fault = { code, options, retry, ...(held ? { key: held.key } : {}) };
}

function onFaultOption(c: Ctx, option: FaultOption): void {
  const flow = flowOf(c);
  const f = flow.fault;
  if (!f || !f.options.includes(option)) return;
  delete flow.fault;
  switch (option) {
    case 'retry':
      for (const e of f.retry) request(c, e, busyOf(e));
      if (f.retry.length === 0) enter(c, true);
      return;
    case 'wait':
      return; // the held print stays pending and prints once the printer can
    case 'back':
      return back(c);
    case 'skip':
      return goNext(c, false);
    case 'counter':
      for (const [key, p] of Object.entries(flow.pending))
        if (WATCHES.includes(p.type) || p.held) c.tx.cancel(key);
      flow.referral = { code: f.code };
      flow.outcome = 'referred';
      return;
    case 'end':
      return beginEnding(c.tx, 'done', 'failed');
  }
}

function busyOf(e: KeyedEffect): Omit<Pending, 'type' | 'effect'> {
  switch (e.type) {
    case 'device.readIdentity':
    case 'scanner.listen':
      return {};
    case 'backoffice.query':
      return { busy: 'querying' };
    case 'backoffice.submit':
      return { busy: 'submitting' };
    case 'backoffice.awaitResult':
      return { busy: 'waitingForResult' };
    case 'backoffice.queueTicket':
      return { busy: 'issuingTicket' };
    case 'backoffice.checkIn':
      return { busy: 'checkingIn' };
    case 'backoffice.rate':
      return { busy: 'sendingRating' };
    case 'locker.open':
      return { busy: 'openingDoor' };
    case 'locker.commit':
      return { busy: 'recording' };
    case 'print.a4':
    case 'print.receipt':
      return { busy: 'printing', doc: e.doc };
    case 'cancel':
      return {};
  }
}

// ---------------------------------------------------------------------------------------------
// What the citizen does.

export function flowInput(tx: Tx, def: ServiceDefinition, input: FlowInput, env: Env): void {
  const c: Ctx = { tx, def, env };
  const flow = flowOf(c);
  if (input.kind === 'fault') return onFaultOption(c, input.option);
  if (input.kind === 'back') return flow.fault ? undefined : back(c);
  if (flow.referral) {
    if (input.kind === 'finish' || input.kind === 'next') beginEnding(tx, 'done', 'referred');
    return;
  }
  if (flow.fault) return; // the citizen answers the fault first
  const step = currentStep(c);
  const data = flow.data;
  switch (input.kind) {
    case 'next':
      return onNext(c, step);
    case 'skip':
      if (
        (is(step, 'print') && step.optional && !data.printAccepted.includes(step.id)) ||
        (is(step, 'rate') && step.optional) ||
        is(step, 'elicences')
      )
        return goNext(c, false);
      return;
    case 'choose':
      if (!is(step, 'choose') || !sourceOptions(c, step).includes(input.value)) return;
      data.choices[step.key] = input.value;
      return goNext(c, true);
    case 'form':
      return is(step, 'form') ? onForm(c, input.values) : undefined;
    case 'code':
      return onCode(c, step, input.value, false);
    case 'capture':
    case 'uncapture':
      return is(step, 'capture') ? onCapture(c, step, input) : undefined;
    case 'elicences': {
      if (!is(step, 'elicences') || !data.elicences) return;
      const items = data.elicences.items;
      const chosen = input.selected
        .map(Number)
        .filter((i, n, all) => Number.isInteger(i) && items[i] && all.indexOf(i) === n);
      data.elicences.selected = chosen.map((i) => items[i]!.number);
      return;
    }
    case 'rate':
      return is(step, 'rate') ? onRate(c, input.rating) : undefined;
    case 'another':
      if (!is(step, 'done')) return;
      return leaveService(c);
    case 'finish':
      if (is(step, 'done')) beginEnding(tx, 'done', 'completed');
      return;
    case 'tap':
    case 'extend':
    case 'cancel':
    case 'elder':
    case 'chooseService':
      return; // handled by the session
  }
}

function onNext(c: Ctx, step: Step): void {
  const flow = flowOf(c);
  const data = flow.data;
  if (Object.values(flow.pending).some((p) => p.busy && !p.held)) return;
  switch (step.kind) {
    case 'guide':
    case 'notice':
    case 'sample':
    case 'confirm':
      return goNext(c, true);
    case 'lookup':
      return data.lookup[step.query] !== undefined ? goNext(c, true) : undefined;
    case 'elicences':
      return data.elicences ? goNext(c, true) : undefined;
    case 'capture': {
      const missing = step.materials.some((m) => m.required && !(data.materials[m.kind]?.length ?? 0));
      if (missing) {
        data.captureError = 'missingMaterials';
        return;
      }
      return goNext(c, true);
    }
    case 'print':
      if (step.optional && !data.printAccepted.includes(step.id)) {
        data.printAccepted.push(step.id);
        startPrints(c, step);
      }
      return;
    case 'lockerDeposit':
    case 'lockerPickup':
      // "I have closed the door": trusted when the door sensor says nothing (a dead sensor must not trap anyone).
      return data.locker?.state === 'open' ? commitLocker(c) : undefined;
    case 'done':
      return beginEnding(c.tx, 'done', 'completed');
    case 'identify':
    case 'form':
    case 'choose':
    case 'enterCode':
    case 'rate':
    case 'submit':
    case 'waitResult':
    case 'queueTicket':
    case 'checkIn':
      return;
  }
}

/** Identity values a form takes, by the field's prefill source. */
export function prefillOf(
  fields: readonly FormField[],
  identity: Identity | undefined,
): Record<string, unknown> {
  if (!identity || identity.method === 'bankCard') return {};
  const source = {
    name: identity.name,
    idNumber: identity.idNumber,
    gender: identity.gender,
    birth: identity.birthDate,
    address: identity.address,
  };
  return Object.fromEntries(
    fields.flatMap((f) =>
      f.prefill && source[f.prefill] !== undefined ? [[f.name, source[f.prefill]]] : [],
    ),
  );
}

function onForm(c: Ctx, values: Record<string, unknown>): void {
  const form = c.def.form!;
  const data = flowOf(c).data;
  const prefill = prefillOf(form.fields, c.tx.s.identity);
  // What came from the card is what is filed, whatever the page sent for a locked field.
  const locked = Object.fromEntries(
    Object.entries(prefill).filter(([name]) => isLocked(form.fields.find((f) => f.name === name)!)),
  );
  const submitted = { ...values, ...locked };
  const parsed = formSchema(form).safeParse(submitted);
  if (parsed.success) {
    data.form = parsed.data;
    delete data.formDraft;
    delete data.formErrors;
    return goNext(c, true);
  }
  data.formDraft = submitted;
  data.formErrors = parsed.error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
}

function onCode(c: Ctx, step: Step, raw: string, scanned: boolean): void {
  const wanted = is(step, 'enterCode') ? step.code : is(step, 'identify') ? step.orCode : undefined;
  if (!wanted) return;
  const data = flowOf(c).data;
  const code = recogniseCode(wanted, raw);
  if (!code) {
    data.codeError = 'format';
    if (scanned) request(c, { type: 'scanner.listen', key: keyOf(c.tx.s, step.id, 'scan'), code: wanted });
    return;
  }
  data.code = code;
  goNext(c, true);
}

function onCapture(
  c: Ctx,
  step: StepOf<'capture'>,
  input: Extract<FlowInput, { kind: 'capture' | 'uncapture' }>,
): void {
  const data = flowOf(c).data;
  delete data.captureError;
  const spec = step.materials.find((m) => m.kind === input.material);
  if (!spec) {
    data.captureError = 'unknownMaterial';
    return;
  }
  const items = (data.materials[spec.kind] ??= []);
  if (input.kind === 'uncapture') {
    data.materials[spec.kind] = items.filter((i) => i.ref !== input.ref);
    return;
  }
  if (items.some((i) => i.ref === input.ref)) return;
  const pagesOf = (kinds: string[]) =>
    kinds.reduce((n, k) => n + (data.materials[k] ?? []).reduce((m, i) => m + i.pages, 0), 0);
  if (pagesOf([spec.kind]) + input.pages > spec.maxPages) {
    data.captureError = 'tooManyPages';
    return;
  }
  if (
    step.pageLimit !== undefined &&
    pagesOf(step.materials.map((m) => m.kind)) + input.pages > step.pageLimit
  ) {
    data.captureError = 'pageLimit';
    return;
  }
  items.push({ ref: input.ref, pages: input.pages });
}

function onRate(c: Ctx, raw: unknown): void {
  const subject = rateSubject(c);
  const data = flowOf(c).data;
  if (!subject || data.rated) return;
  const parsed = RatingSubmission.safeParse(raw);
  if (!parsed.success) {
    data.ratingErrors = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    }));
    return;
  }
  delete data.ratingErrors;
  commit(c);
  const key = keyOf(c.tx.s, currentStep(c).id, 'rating');
  request(c, { type: 'backoffice.rate', key, ...subject, rating: parsed.data }, { busy: 'sendingRating' });
}

function commitLocker(c: Ctx): void {
  const data = flowOf(c).data;
  const locker = data.locker!;
  const step = currentStep(c);
  locker.state = 'recording';
  const purpose = step.kind === 'lockerDeposit' ? 'deposit' : 'pickup';
  request(
    c,
    {
      type: 'locker.commit',
      key: keyOf(c.tx.s, step.id, 'commit'),
      purpose,
      door: locker.door!,
      ...(purpose === 'deposit' ? filingRef(data) : {}),
    },
    { busy: 'recording' },
  );
}

// ---------------------------------------------------------------------------------------------
// What the terminal answers.

export function flowDone(tx: Tx, def: ServiceDefinition, key: string, raw: unknown, env: Env): void {
  const c: Ctx = { tx, def, env };
  const flow = flowOf(c);
  const p = flow.pending[key];
  if (!p) return; // stale: cancelled, or answered before
  const q = p.effect.type === 'backoffice.query' ? p.effect.query : undefined;
  const value = checkResult(p.type, raw, q);
  if (value === undefined) return flowFailed(tx, def, key, q ? 'providerError' : 'internal', false, env);
  delete flow.pending[key];
  const data = flow.data;
  const step = currentStep(c);
  switch (p.type) {
    case 'device.readIdentity':
      return onIdentity(c, value as Identity, p);
    case 'scanner.listen':
      return onCode(c, step, (value as { value: string }).value, true);
    case 'backoffice.query': {
      data.lookup[q!] = value;
      if (q === 'elicences') {
        const items = (
          value as { items: { number: string; licenceType: string; issuer: string; validTo: string }[] }
        ).items;
        data.elicences = { items, selected: [] };
        return;
      }
      return is(step, 'lookup') && !step.show ? goNext(c, false) : undefined;
    }
    case 'backoffice.submit':
      data.submission = value as FlowData['submission'] & object;
      return goNext(c, false);
    case 'backoffice.awaitResult':
      tx.clearTimer('result');
      data.result = { approved: (value as { decision: string }).decision === 'approved' };
      return goNext(c, false);
    case 'backoffice.queueTicket':
    case 'backoffice.checkIn':
      data.ticket = value as TicketResult;
      return goNext(c, false);
    case 'backoffice.rate':
      data.rated = true;
      return goNext(c, false);
    case 'locker.open':
      commit(c); // a door opened: there is no going back from here
      data.locker = { step: step.id, door: (value as { door: string }).door, state: 'open' };
      return;
    case 'locker.commit':
      if (data.locker) data.locker.state = 'done';
      return goNext(c, false);
    case 'print.a4':
    case 'print.receipt': {
      (data.printed[step.id] ??= []).push(p.doc!);
      if (flow.fault?.key === key) delete flow.fault;
      const printing = Object.values(flow.pending).some(
        (x) => x.type === 'print.a4' || x.type === 'print.receipt',
      );
      return printing ? undefined : goNext(c, false);
    }
    case 'timer.set':
    case 'timer.clear':
    case 'cancel':
    case 'session.end':
      return;
  }
}

function onIdentity(c: Ctx, identity: Identity, p: Pending): void {
  const s = c.tx.s;
  const step = currentStep(c);
  const previous = s.identity;
  const person = (i: Identity | undefined) => (i && i.method !== 'bankCard' ? i.idNumber : undefined);
  const retry = [p.effect];
  // One citizen at a time: a card of someone else is refused, not swapped in.
  if (person(previous) && person(identity) && person(previous) !== person(identity))
    return fault(c, 'wrongCard', retry);
  if (is(step, 'identify') && !offeredMethods(c.def, step, s).includes(identity.method))
    return fault(c, 'wrongCard', retry);
  // A form that only takes some kinds of ID number (居住证: resident IDs) cannot be filled from another.
  const idField = c.def.form?.fields.find((f) => f.kind === 'idNumber' && f.prefill === 'idNumber');
  const kinds = idField?.kind === 'idNumber' ? idField.kinds : undefined;
  const number = person(identity);
  if (kinds && number && !kinds.includes(idKindOf(number)!)) return fault(c, 'invalidIdentity');
  s.identity = identity;
  goNext(c, true);
}

export function flowFailed(
  tx: Tx,
  def: ServiceDefinition,
  key: string,
  failure: FlowFailure,
  held: boolean,
  env: Env,
): void {
  const c: Ctx = { tx, def, env };
  const flow = flowOf(c);
  const p = flow.pending[key];
  if (!p) return;
  if (p.type === 'backoffice.awaitResult') {
    // No decision now (back office unreachable, rule engine down): the filing is decided later.
    delete flow.pending[key];
    tx.clearTimer('result');
    flow.data.result = { approved: null };
    return goNext(c, false);
  }
  if (p.type === 'scanner.listen') {
    delete flow.pending[key]; // the citizen can still type the code or use a card
    return;
  }
  if (held && (p.type === 'print.a4' || p.type === 'print.receipt')) {
    p.held = true;
    return fault(c, failure, [], { key });
  }
  delete flow.pending[key];
  if (p.type === 'locker.commit' && flow.data.locker) flow.data.locker.state = 'open';
  fault(c, failure, [p.effect]);
}

/**
 * A held print printing again (paper back): its fault goes, and the countdown pauses while it prints
 * and starts afresh when it is done, as for any print (left held, the countdown kept running from the
 * citizen's last touch, and the done screen could open already asking "need more time?").
 */
export function flowResumed(tx: Tx, def: ServiceDefinition, key: string, env: Env): void {
  const flow = flowOf({ tx, def, env });
  const p = flow.pending[key];
  if (!p?.held) return;
  p.held = false;
  if (flow.fault?.key === key) delete flow.fault;
}

export function flowTimer(tx: Tx, def: ServiceDefinition, name: TimerName, env: Env): void {
  const c: Ctx = { tx, def, env };
  const flow = flowOf(c);
  delete tx.s.timers[name];
  if (name === 'result') {
    for (const [key, p] of Object.entries(flow.pending))
      if (p.type === 'backoffice.awaitResult') tx.cancel(key);
    flow.data.result = { approved: null };
    return goNext(c, false);
  }
  if (name === 'busy') {
    const stuck = Object.entries(flow.pending).filter(([, p]) => p.busy && !p.held);
    for (const [key] of stuck) tx.cancel(key);
    if (stuck.length)
      fault(
        c,
        'timeout',
        stuck.map(([, p]) => p.effect),
      );
  }
}

export function flowDevice(tx: Tx, def: ServiceDefinition, signal: DeviceSignal, env: Env): void {
  const c: Ctx = { tx, def, env };
  const flow = flowOf(c);
  if (
    signal.kind === 'door.closed' &&
    flow.data.locker?.state === 'open' &&
    flow.data.locker.door === signal.door
  )
    return commitLocker(c);
  if (signal.kind === 'card.inserted')
    for (const p of Object.values(flow.pending))
      if (p.effect.type === 'device.readIdentity' && (p.effect.accept as string[]).includes(signal.role))
        p.busy = 'readingCard';
}
