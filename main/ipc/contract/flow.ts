// The citizen session's channels: what the page sends (FlowInput) and what it renders (FlowView).
// Schemas only; they join the `invoke`/`events` maps in channels.ts when the host serves them.
//
// A FlowView holds ONLY what the screen shows: a name, a masked ID number, the card type, the
// texts and fields of the current step. Identity, form data and scans stay in the host.
import { z } from 'zod';
import { ServiceGuide } from '../../../domain/catalogue/service';
import { ChoiceOption, InputMode } from '../../../domain/catalogue/fields';
import { QueryKind } from '../../../domain/catalogue/queries';
import {
  CodeKind,
  IdMethod,
  PrintDoc,
  Profile,
  ThemeId,
  DeviceRole,
} from '../../../domain/catalogue/vocabulary';
import { ID_KINDS } from '../../../domain/identity';
import { RATING_TEXT_MAX, RatingSubmission } from '../../../domain/rating';
import { LocalText } from '../../../domain/text';
import { base64Length } from './filings';

const ReadMethod = IdMethod.exclude(['none']);
const shortText = (max: number) => z.string().max(max);

// ---------------------------------------------------------------------------------------------
// Vocabularies the page's message catalogues cover (a test keeps the i18n complete against them).

/** Why a step could not go on; each has a citizen message `fault.<code>`. */
export const FlowFailure = z.enum([
  'cardRemoved',
  'unreadable',
  'wrongCard',
  'expiredCard',
  'invalidIdentity',
  'deviceDown',
  'paperOut',
  'coverOpen',
  'jammed',
  'noFreeDoor',
  'doorJammed',
  'network',
  'providerDown',
  'providerError',
  'noRecords',
  'notFound',
  'codeInvalid',
  'codeRefused',
  'refused',
  'tooLarge',
  'notConfigured',
  'limitReached',
  'timeout',
  'internal',
]);
export type FlowFailure = z.infer<typeof FlowFailure>;

/** What the citizen may do about a fault: try again, keep waiting (a held print), go back a step, skip an optional step, be sent to a counter, or end. */
export const FaultOption = z.enum(['retry', 'wait', 'back', 'skip', 'counter', 'end']);
export type FaultOption = z.infer<typeof FaultOption>;

/** What the terminal is doing while the page shows a progress indicator (`busy.<key>`). */
export const BusyKey = z.enum([
  'readingCard',
  'querying',
  'submitting',
  'waitingForResult',
  'printing',
  'openingDoor',
  'recording',
  'issuingTicket',
  'checkingIn',
  'sendingRating',
]);
export type BusyKey = z.infer<typeof BusyKey>;

/** Something the citizen must not leave behind (`reminder.<kind>`), raised from device events. */
export const ReminderKind = z.enum(['cardLeft', 'receiptNotTaken', 'doorOpen']);
export type ReminderKind = z.infer<typeof ReminderKind>;

export const SessionPhase = z.enum(['attract', 'browsing', 'flow', 'ending', 'ended']);
export type SessionPhase = z.infer<typeof SessionPhase>;
export const EndReason = z.enum(['done', 'cancel', 'timeout', 'hostRestart']);
export type EndReason = z.infer<typeof EndReason>;
/** How the journey went, beside why the session ended (a `done` session may have been sent to a counter). */
export const Outcome = z.enum(['completed', 'referred', 'failed', 'abandoned']);
export type Outcome = z.infer<typeof Outcome>;

// ---------------------------------------------------------------------------------------------
// What the page sends.

export const FlowInput = z.discriminatedUnion('kind', [
  /** Any touch: the citizen is still there (resets the idle countdown). */
  z.strictObject({ kind: z.literal('tap') }),
  /** "Need more time?" → yes. */
  z.strictObject({ kind: z.literal('extend') }),
  z.strictObject({ kind: z.literal('cancel') }),
  z.strictObject({ kind: z.literal('back') }),
  z.strictObject({ kind: z.literal('next') }),
  /** Decline an optional step (print, rate). */
  z.strictObject({ kind: z.literal('skip') }),
  z.strictObject({ kind: z.literal('elder'), on: z.boolean() }),
  z.strictObject({ kind: z.literal('chooseService'), serviceId: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('choose'), value: z.string().min(1).max(64) }),
  /** The form as filled in; checked against the service's schema by the host. */
  z.strictObject({ kind: z.literal('form'), values: z.record(z.string().max(40), z.unknown()) }),
  z.strictObject({ kind: z.literal('code'), value: z.string().min(1).max(200) }),
  /** A material captured and handed to the host (which assembled it and answered with `ref`). */
  z.strictObject({
    kind: z.literal('capture'),
    material: z.string().min(1).max(40),
    ref: z.string().min(1).max(80),
    pages: z.int().min(1).max(50),
  }),
  z.strictObject({
    kind: z.literal('uncapture'),
    material: z.string().min(1).max(40),
    ref: z.string().min(1).max(80),
  }),
  /** E-licences to attach, by the `id` the view gave them (the page never sees their full numbers). */
  z.strictObject({ kind: z.literal('elicences'), selected: z.array(z.string().max(10)).max(50) }),
  z.strictObject({ kind: z.literal('rate'), rating: z.unknown() }),
  z.strictObject({ kind: z.literal('fault'), option: FaultOption }),
  /** At the end of a journey: another service in the same session, or finish. */
  z.strictObject({ kind: z.literal('another') }),
  z.strictObject({ kind: z.literal('finish') }),
]);
export type FlowInput = z.infer<typeof FlowInput>;
/** The rating the `rate` input carries (kept `unknown` above so a bad one is a view error, not an IPC refusal). */
export { RatingSubmission };

// ---------------------------------------------------------------------------------------------
// What the page renders.

/** A label and its value as the screen prints it (already formatted and masked). */
export const Row = z.object({ label: LocalText, value: shortText(400) });
export type Row = z.infer<typeof Row>;

export const IdentityView = z.object({
  method: ReadMethod,
  /** Name as on the card (absent for a bank card). */
  name: shortText(80).optional(),
  /** Masked: 110105********0021. */
  idNumber: shortText(18).optional(),
  cardType: z.enum(ID_KINDS).optional(),
  /** Masked card number (bank card PAN, social security card number). */
  card: shortText(30).optional(),
});
export type IdentityView = z.infer<typeof IdentityView>;

export const FieldView = z.object({
  name: z.string(),
  kind: z.enum(['text', 'address', 'number', 'choice', 'multiChoice', 'date', 'phone', 'idNumber']),
  label: LocalText,
  hint: LocalText.optional(),
  unit: LocalText.optional(),
  required: z.boolean(),
  input: InputMode,
  options: z.array(ChoiceOption).optional(),
  allowOther: z.boolean().optional(),
  /** The value to show in the field; never present for ID numbers (see display). */
  value: z.unknown().optional(),
  /** What the screen shows instead of a value that must not reach the page (a masked ID number). */
  display: shortText(200).optional(),
  /** Filled from the card and not editable. */
  locked: z.boolean(),
  min: z.number().optional(),
  max: z.number().optional(),
  minLength: z.int().optional(),
  maxLength: z.int().optional(),
  maxItems: z.int().optional(),
});
export type FieldView = z.infer<typeof FieldView>;

const FieldError = z.object({ path: z.string(), message: z.string() });
const Ticket = z.object({
  number: shortText(20),
  waiting: z.int().min(0),
  counter: shortText(40).optional(),
});
const ResultDisplay = z.object({
  rows: z.array(Row),
  table: z.object({ columns: z.array(LocalText), rows: z.array(z.array(shortText(200))) }).optional(),
});
export type ResultDisplay = z.infer<typeof ResultDisplay>;

export const StepView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('guide'), summary: LocalText, guide: ServiceGuide }),
  z.object({
    kind: z.literal('identify'),
    accept: z.array(ReadMethod),
    orCode: CodeKind.optional(),
    /** A card is on the reader and being read. */
    reading: z.boolean(),
  }),
  z.object({ kind: z.literal('form'), fields: z.array(FieldView), errors: z.array(FieldError) }),
  z.object({
    kind: z.literal('choose'),
    key: z.string(),
    prompt: LocalText,
    options: z.array(ChoiceOption.extend({ detail: LocalText.optional() })),
    selected: z.string().optional(),
  }),
  z.object({
    kind: z.literal('capture'),
    materials: z.array(
      z.object({
        kind: z.string(),
        name: LocalText,
        hint: LocalText.optional(),
        required: z.boolean(),
        maxPages: z.int(),
        pages: z.int(),
      }),
    ),
    pageLimit: z.int().optional(),
    pagesUsed: z.int(),
    error: z.enum(['missingMaterials', 'pageLimit', 'tooManyPages', 'unknownMaterial']).optional(),
  }),
  z.object({
    kind: z.literal('elicences'),
    items: z.array(
      z.object({
        /** What the page sends back to select it. */
        id: shortText(10),
        licenceType: shortText(60),
        /** Masked: an e-licence number may be an ID number. */
        number: shortText(60),
        issuer: shortText(80),
        validTo: shortText(20),
      }),
    ),
    selected: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('confirm'),
    rows: z.array(Row),
    materials: z.array(z.object({ name: LocalText, pages: z.int() })),
    delivery: LocalText.optional(),
  }),
  z.object({ kind: z.literal('submit') }),
  z.object({ kind: z.literal('waitResult'), deadline: z.number().nullable() }),
  z.object({
    kind: z.literal('print'),
    outputs: z.array(
      z.object({
        doc: PrintDoc,
        printer: z.enum(['a4', 'receipt']),
        state: z.enum(['waiting', 'printing', 'printed', 'failed']),
      }),
    ),
    /** An optional print not yet started: the page asks "print?" (next) or "no" (skip). */
    asking: z.boolean(),
  }),
  z.object({
    kind: z.literal('lockerDeposit'),
    state: z.enum(['opening', 'open', 'recording', 'done']),
    door: shortText(20).optional(),
  }),
  z.object({
    kind: z.literal('lockerPickup'),
    state: z.enum(['opening', 'open', 'recording', 'done']),
    door: shortText(20).optional(),
  }),
  z.object({ kind: z.literal('queueTicket'), ticket: Ticket.optional() }),
  z.object({ kind: z.literal('checkIn'), ticket: Ticket.optional() }),
  z.object({
    kind: z.literal('rate'),
    subject: z.object({ trackingNumber: shortText(40), service: LocalText.optional() }),
    levels: z.array(
      z.object({
        level: z.int().min(1).max(5),
        label: LocalText,
        poor: z.boolean(),
        options: z.array(z.object({ id: z.string(), label: LocalText })),
      }),
    ),
    textMax: z.literal(RATING_TEXT_MAX),
    optional: z.boolean(),
    error: z.array(FieldError).optional(),
  }),
  z.object({ kind: z.literal('lookup'), query: QueryKind, result: ResultDisplay.optional() }),
  z.object({
    kind: z.literal('enterCode'),
    code: CodeKind,
    input: InputMode,
    scan: z.boolean(),
    error: z.enum(['format']).optional(),
  }),
  z.object({ kind: z.literal('sample'), service: LocalText, fields: z.array(FieldView) }),
  z.object({ kind: z.literal('notice'), tone: z.enum(['info', 'success', 'warning']), message: LocalText }),
  z.object({ kind: z.literal('done'), message: LocalText, rows: z.array(Row) }),
  /** Sent to a counter after a fault: the page shows where to go, then `finish`. */
  z.object({ kind: z.literal('referral'), code: FlowFailure, theme: LocalText }),
]);
export type StepView = z.infer<typeof StepView>;

export const FlowView = z.object({
  phase: SessionPhase,
  profile: Profile,
  elder: z.boolean(),
  identity: IdentityView.optional(),
  service: z.object({ serviceId: z.string(), name: LocalText }).optional(),
  /** The current step, `n` of `m` (steps still possible on this path, so `m` may shrink, never grow). */
  step: z
    .intersection(z.object({ id: z.string(), n: z.int().min(1), m: z.int().min(1) }), StepView)
    .optional(),
  busy: z.object({ key: BusyKey }).optional(),
  fault: z.object({ code: FlowFailure, options: z.array(FaultOption) }).optional(),
  /** Idle countdown: when the session ends if nothing is touched (epoch ms), and whether to ask "need more time?". */
  idle: z.object({ deadline: z.number().nullable(), warning: z.boolean() }),
  reminders: z.array(
    z.object({
      kind: ReminderKind,
      role: z.enum(['idCard', 'socialSecurityCard', 'bankCard']).optional(),
      door: shortText(20).optional(),
    }),
  ),
  can: z.object({ back: z.boolean(), cancel: z.boolean() }),
  /** While browsing: a card that could not be read (`notice.<key>`). */
  notice: z.enum(['cardUnreadable']).optional(),
  ended: z.object({ reason: EndReason, outcome: Outcome }).optional(),
});
export type FlowView = z.infer<typeof FlowView>;

// ---------------------------------------------------------------------------------------------
// The catalogue as the page lists it.

export const CatalogueView = z.object({
  profile: Profile,
  source: z.enum(['pushed', 'shipped']),
  themes: z.array(z.object({ id: ThemeId, name: LocalText })),
  services: z.array(
    z.object({
      serviceId: z.string(),
      theme: ThemeId,
      name: LocalText,
      summary: LocalText,
      identification: z.array(IdMethod),
      /** False while a device it needs is down; `missing` names the roles for the reason shown. */
      available: z.boolean(),
      missing: z.array(DeviceRole).optional(),
    }),
  ),
});
export type CatalogueView = z.infer<typeof CatalogueView>;

export const SessionEnded = z.object({ reason: EndReason, outcome: Outcome });
export type SessionEnded = z.infer<typeof SessionEnded>;

const none = z.object({}).strict();

/** Pages of one capture call (a material's pages, as the capture screen took them). */
export const CAPTURE_MAX_PAGES = 20;
/** Bytes of one captured page's JPEG; the host checks it against the per-page budget (main/scanning). */
export const CAPTURE_PAGE_MAX_BYTES = 2_000_000;
/** Largest request body of `flow:capture` on the JSON bridge. */
export const CAPTURE_BODY_LIMIT = base64Length(CAPTURE_PAGE_MAX_BYTES) * CAPTURE_MAX_PAGES + 64 * 1024;

/**
 * A material captured on the document camera: its pages as JPEG in base64 (the one form every hop
 * carries unchanged, see filings.ts). The host assembles them into one PDF, keeps it in the
 * session's memory and moves the capture step on; the page never gets the PDF back.
 */
export const CaptureInput = z
  .object({
    material: z.string().min(1).max(40),
    pages: z
      .array(
        z
          .object({
            paper: z.enum(['a4', 'id1']),
            data: z.base64().min(4).max(base64Length(CAPTURE_PAGE_MAX_BYTES)),
          })
          .strict(),
      )
      .min(1)
      .max(CAPTURE_MAX_PAGES),
  })
  .strict();
export type CaptureInput = z.infer<typeof CaptureInput>;

/** The channels of the session, catalogue and flow, in the shape of channels.ts (which lists them). */
export const flowChannels = {
  invoke: {
    'catalogue:list': { input: none, output: CatalogueView },
    /** A touch on the attract screen (a card placed starts a session in the host, not from here). */
    'session:start': { input: none, output: FlowView },
    'session:cancel': { input: none, output: FlowView },
    'session:extend': { input: none, output: FlowView },
    'flow:send': { input: z.object({ input: FlowInput }).strict(), output: FlowView },
    'flow:back': { input: none, output: FlowView },
    /** A material captured on the document camera; answers the view once the host holds it. */
    'flow:capture': { input: CaptureInput, output: FlowView },
  },
  events: {
    /** Every change of what the screen shows. */
    'flow:view': FlowView,
    /** The session is over: the page drops everything of the citizen and returns to attract. */
    'session:ended': SessionEnded,
  },
} as const;
