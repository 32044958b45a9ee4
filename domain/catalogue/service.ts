/**
 * A service definition: everything the kiosk and the back office know about one service, as data
 * (issue #9). Checked as a whole: a definition whose steps need a device it does not declare, a
 * guard reading a choice never made, or a sample form its own schema refuses does not load.
 */
import { z } from 'zod';
import { LocalText } from '../text';
import { FormDefinition, formSchema } from './fields';
import { choiceKeysOf, type Guard } from './guards';
import { InstantRule } from './rules';
import { Step, type StepKind } from './steps';
import {
  DeviceRole,
  IdMethod,
  Profile,
  ROLE_OF_METHOD,
  ThemeId,
  printerRoleOf,
  type ReadMethod,
} from './vocabulary';

export const ServiceGuide = z.strictObject({
  /** 申请材料. */
  materials: z.array(LocalText).max(30),
  /** 办理时限 (e.g. 即时办结, 5个工作日). */
  timeLimit: LocalText,
  /** 收费标准. */
  fees: LocalText,
  /** 设定依据. */
  legalBasis: z.array(LocalText).min(1).max(10),
  /** 办理须知: anything else a citizen should know first. */
  notes: z.array(LocalText).max(10).default([]),
});
export type ServiceGuide = z.infer<typeof ServiceGuide>;

const ServiceObject = z.strictObject({
  /** Stable id, shared with the back office and the filings (kebab-case). */
  serviceId: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/),
  theme: ThemeId,
  name: LocalText,
  /** One line under the name in the catalogue. */
  summary: LocalText,
  guide: ServiceGuide,
  /** Accepted identification; `none` alone: anyone may use it without identifying. */
  identification: z.array(IdMethod).min(1),
  /** Device roles the service cannot run without (identification readers are alternatives: see availability). */
  devices: z.array(DeviceRole),
  /** Where the service may appear. */
  profiles: z.array(Profile).min(1),
  form: FormDefinition.optional(),
  /** A filled form: shown by 样表 and checked against the form's schema. */
  sampleForm: z.record(z.string(), z.unknown()).optional(),
  steps: z.array(Step).min(1).max(40),
  instantRule: InstantRule.optional(),
  /** The back office's result document wording for this service. */
  resultTemplate: z.enum(['soleProprietorNotice', 'genericNotice']).optional(),
});

/** Device roles each step kind needs beyond its outputs (print needs its printers, see below). */
const ROLES_OF_KIND: Partial<Record<StepKind, DeviceRole[]>> = {
  capture: ['camera'],
  lockerDeposit: ['lockers'],
  lockerPickup: ['lockers'],
};

/** Steps that need a filing made earlier in the same journey, or a filing chosen from a list. */
const NEEDS_FILING: StepKind[] = ['waitResult'];

type ServiceShape = z.infer<typeof ServiceObject>;

function guardsOf(s: ServiceShape): { guard: Guard; at: (string | number)[] }[] {
  return s.steps.flatMap((step, i) => [
    ...(step.when ? [{ guard: step.when, at: ['steps', i, 'when'] }] : []),
    ...(step.kind === 'print'
      ? step.outputs.flatMap((o, j) =>
          o.when ? [{ guard: o.when, at: ['steps', i, 'outputs', j, 'when'] }] : [],
        )
      : []),
    ...(step.kind === 'done'
      ? step.messages.flatMap((m, j) =>
          m.when ? [{ guard: m.when, at: ['steps', i, 'messages', j, 'when'] }] : [],
        )
      : []),
  ]);
}

function check(s: ServiceShape, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const kinds = s.steps.map((x) => x.kind);
  const ids = s.steps.map((x) => x.id);
  ids.forEach((id, i) => ids.indexOf(id) !== i && issue(['steps', i, 'id'], `duplicate step id ${id}`));
  if (s.steps.at(-1)?.kind !== 'done') issue(['steps'], 'the last step must be done');

  // Form, sample form and the form step go together; the sample passes the form's own schema.
  if (kinds.includes('form') !== (s.form !== undefined))
    issue(['form'], 'a form step needs a form, and a form a form step');
  if ((s.sampleForm !== undefined) !== (s.form !== undefined))
    issue(['sampleForm'], 'a form needs a filled sample form');
  if (s.form && s.sampleForm) {
    const parsed = formSchema(s.form).safeParse(s.sampleForm);
    for (const i of parsed.error?.issues ?? []) issue(['sampleForm', ...i.path.map(String)], i.message);
  }
  const readers = s.identification.filter((m): m is ReadMethod => m !== 'none');
  if (s.identification.includes('none') && s.identification.length > 1)
    issue(['identification'], 'none excludes every other method');
  if (s.form?.fields.some((f) => f.prefill) && readers.some((m) => m === 'bankCard'))
    issue(['identification'], 'a bank card does not name its holder: it cannot prefill a form');

  const roles = new Set(s.devices);
  s.steps.forEach((step, i) => {
    for (const role of ROLES_OF_KIND[step.kind] ?? [])
      if (!roles.has(role)) issue(['steps', i], `${step.kind} needs the ${role} role in devices`);
    if (step.kind === 'print')
      step.outputs.forEach((o, j) => {
        const role = printerRoleOf(o.doc);
        if (!roles.has(role)) issue(['steps', i, 'outputs', j], `${o.doc} needs the ${role} role in devices`);
      });
    if (step.kind === 'identify') {
      for (const m of step.accept ?? [])
        if (!readers.includes(m))
          issue(['steps', i, 'accept'], `${m} is not in the service's identification`);
      if (readers.length === 0) issue(['steps', i], 'identify in a service that accepts no identification');
      if (step.orCode === 'receiptQr' && !roles.has('scanner'))
        issue(['steps', i], 'a receipt QR needs the scanner');
    }
    if (step.kind === 'enterCode' && step.scan && !roles.has('scanner'))
      issue(['steps', i, 'scan'], 'scanning a code needs the scanner role in devices');
    if (NEEDS_FILING.includes(step.kind) && !kinds.slice(0, i).includes('submit'))
      issue(['steps', i], `${step.kind} comes after a submit step`);
    if (step.kind === 'rate') {
      const before = s.steps.slice(0, i);
      const filed = before.some((b) => b.kind === 'submit' || (b.kind === 'choose' && b.from === 'filings'));
      if (!filed) issue(['steps', i], 'rate needs a filing: a submit step or a choice of filings before it');
    }
    if (step.kind === 'choose' && (step.options === undefined) === (step.from === undefined))
      issue(['steps', i], 'a choice has either fixed options or a source');
    const chosen = (key: string) => s.steps.slice(0, i).some((b) => b.kind === 'choose' && b.key === key);
    if (step.kind === 'submit' && step.delivery === 'choice' && !chosen('delivery'))
      issue(['steps', i], 'delivery by choice needs a choose step with key delivery before it');
    if (step.kind === 'queueTicket' && !chosen('theme'))
      issue(['steps', i], 'queueTicket needs choice.theme');
    if (step.kind === 'checkIn' && !chosen('appointment'))
      issue(['steps', i], 'checkIn needs choice.appointment');
    if (step.kind === 'sample' && !chosen('service')) issue(['steps', i], 'sample needs choice.service');
    if (step.kind === 'lockerDeposit') {
      const filingBefore = s.steps
        .slice(0, i)
        .some((b) => b.kind === 'submit' || (b.kind === 'enterCode' && b.code === 'trackingNumber'));
      if (!filingBefore)
        issue(['steps', i], 'lockerDeposit needs a filing: a submit or a tracking number before it');
    }
  });
  for (const { guard, at } of guardsOf(s)) {
    const stepIndex = Number(at[1]);
    for (const key of choiceKeysOf(guard)) {
      const chosenBefore = s.steps.slice(0, stepIndex).some((b) => b.kind === 'choose' && b.key === key);
      if (!chosenBefore) issue(at, `guard reads choice.${key}, which no earlier step makes`);
    }
  }
  if (s.instantRule && !kinds.includes('waitResult'))
    issue(['instantRule'], 'an instant rule needs a waitResult step');
}

export const ServiceDefinition = ServiceObject.superRefine(check).meta({ id: 'ServiceDefinition' });
export type ServiceDefinition = z.infer<typeof ServiceDefinition>;
export type ServiceDefinitionInput = z.input<typeof ServiceDefinition>;

/** The methods a service's identify steps offer, and the roles that read them. */
export const readMethodsOf = (s: ServiceDefinition): ReadMethod[] =>
  s.identification.filter((m): m is ReadMethod => m !== 'none');

/** Whether the service files with the back office (it then needs a back office to be offered). */
export const filesWithBackoffice = (s: ServiceDefinition): boolean =>
  s.steps.some((x) => x.kind === 'submit');

export type Availability = { available: true } | { available: false; missing: DeviceRole[] };

/**
 * Whether a service can run with the device roles usable now (#11's degraded service): every role
 * it declares, and a reader for at least one of its identification methods.
 */
export function availability(s: ServiceDefinition, usable: ReadonlySet<DeviceRole>): Availability {
  const missing = s.devices.filter((r) => !usable.has(r));
  const readers = readMethodsOf(s);
  if (readers.length > 0 && !readers.some((m) => usable.has(ROLE_OF_METHOD[m]))) {
    for (const m of readers) if (!missing.includes(ROLE_OF_METHOD[m])) missing.push(ROLE_OF_METHOD[m]);
  }
  return missing.length === 0 ? { available: true } : { available: false, missing };
}
