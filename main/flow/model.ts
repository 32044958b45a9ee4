/**
 * The engine's state, events and effects (main/flow/README.md). Everything here is JSON: the host
 * may persist a state and continue it, and no field holds a function, a Date or a class.
 */
import { z } from 'zod';
import type { QueryKind } from '../../domain/catalogue/queries';
import type {
  CodeKind,
  DeliveryMethod,
  Profile,
  PrintDoc,
  ReadMethod,
} from '../../domain/catalogue/vocabulary';
import { ID_KINDS, isValidIdNumber } from '../../domain/identity';
import type { RatingSubmission } from '../../domain/rating';
import type {
  BusyKey,
  EndReason,
  FaultOption,
  FlowFailure,
  FlowInput,
  Outcome,
  ReminderKind,
} from '../ipc/contract/flow';

// ---------------------------------------------------------------------------------------------
// Identity: what a reader decoded. Held in the host's session only; never in a view or a log.

const methodWithPerson = z.enum(['idCard', 'socialSecurityCard', 'qr']);
export const Identity = z.discriminatedUnion('method', [
  z.strictObject({
    method: methodWithPerson,
    name: z.string().min(1).max(80),
    nameEn: z.string().max(120).optional(),
    idNumber: z.string().refine((id) => isValidIdNumber(id), 'not a valid ID number'),
    idKind: z.enum(ID_KINDS),
    gender: z.enum(['male', 'female']).optional(),
    /** YYYY-MM-DD. */
    birthDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    address: z.string().max(200).optional(),
    /** 社会保障卡号, for a social security card. */
    cardNumber: z.string().max(30).optional(),
  }),
  /** A bank card names an account, not a person: the back office's provider resolves it. */
  z.strictObject({
    method: z.literal('bankCard'),
    pan: z.string().regex(/^\d{12,19}$/),
    name: z.string().max(80).optional(),
  }),
]);
export type Identity = z.infer<typeof Identity>;
export type PersonIdentity = Extract<Identity, { idNumber: string }>;

// ---------------------------------------------------------------------------------------------
// Effects: abstract requests the host's effect runner carries out. Those with a `key` answer with
// `effect.done` / `effect.failed` carrying the same key; the key is also the idempotency key.

export type TimerName = 'idle' | 'idleEnd' | 'busy' | 'result' | 'reminders';

/** Whom a look-up or a locker pickup is about: the identified citizen, or a code. */
export type Subject = { by: 'identity'; identity: Identity } | { by: 'code'; code: CodeKind; value: string };

export interface MaterialRef {
  kind: string;
  /** The material's name as the back office shows it to staff. */
  name: string;
  refs: string[];
  pages: number;
}

/** What a print needs beside the identity (which the runner takes from the effect, never the page). */
export interface PrintContext {
  serviceId: string;
  identity?: Identity;
  trackingNumber?: string;
  qrPayload?: string;
  localId?: string;
  /** The look-up results the document is made from (a certificate, a balance slip). */
  records?: Partial<Record<QueryKind, unknown>>;
  ticket?: { number: string; waiting: number; counter?: string | undefined };
  door?: string;
  /** For a blank form (样表): the service whose form to print. */
  formServiceId?: string;
  /** For copies: the captured pages. */
  materials?: MaterialRef[];
}

export type Effect =
  | { type: 'timer.set'; name: TimerName; ms: number; token: number }
  | { type: 'timer.clear'; name: TimerName }
  /** Watch the readers of `accept` until one reads a card (answer: Identity). */
  | { type: 'device.readIdentity'; key: string; accept: ReadMethod[] }
  /** Listen on the scanner until a code is scanned (answer: { value }). */
  | { type: 'scanner.listen'; key: string; code: CodeKind }
  /** Stop a pending request; its answer, if one still comes, is ignored. */
  | { type: 'cancel'; key: string }
  | { type: 'backoffice.query'; key: string; query: QueryKind; subject: Subject }
  | {
      type: 'backoffice.submit';
      key: string;
      /** The outbox's localId (= key): submitting again returns the filing already stored. */
      localId: string;
      serviceId: string;
      applicant: { idNumber: string; name: string; phone?: string };
      form: Record<string, unknown>;
      delivery: { method: DeliveryMethod };
      materials: MaterialRef[];
      /** E-licences (电子证照) the citizen chose to attach instead of copies. */
      elicences: string[];
    }
  /** Wait for the back office's 秒批 decision on a filing (answer: { decision }). */
  | { type: 'backoffice.awaitResult'; key: string; localId: string }
  | { type: 'backoffice.queueTicket'; key: string; theme: string; identity?: Identity }
  | { type: 'backoffice.checkIn'; key: string; appointmentId: string; identity: Identity }
  | {
      type: 'backoffice.rate';
      key: string;
      trackingNumber: string;
      serviceId: string;
      rating: RatingSubmission;
    }
  /** Open a free door for a deposit (of the filing `trackingNumber`), or the door holding the subject's result. */
  | {
      type: 'locker.open';
      key: string;
      purpose: 'deposit' | 'pickup';
      /** A deposit for a filing: its tracking number, or its outbox localId while it is not yet delivered. */
      trackingNumber?: string;
      localId?: string;
      subject?: Subject;
    }
  /** The door was closed (or the citizen said so): record the deposit or the pickup, durably. */
  | {
      type: 'locker.commit';
      key: string;
      purpose: 'deposit' | 'pickup';
      door: string;
      trackingNumber?: string;
      localId?: string;
    }
  | { type: 'print.receipt'; key: string; doc: PrintDoc; context: PrintContext }
  | { type: 'print.a4'; key: string; doc: PrintDoc; context: PrintContext }
  /** The session is over: drop identity, forms, scans and temporary files. */
  | { type: 'session.end'; reason: EndReason; outcome: Outcome; unresolved: ReminderKind[] };

export type EffectType = Effect['type'];
export type KeyedEffect = Extract<Effect, { key: string }>;

// ---------------------------------------------------------------------------------------------
// Events: everything that happens, each with the time it happened (the engine has no clock).

export type CardRole = 'idCard' | 'socialSecurityCard' | 'bankCard';

/** Unsolicited device events the host forwards (the physical outcome, not "command accepted"). */
export type DeviceSignal =
  | { kind: 'card.inserted'; role: CardRole }
  | { kind: 'card.removed'; role: CardRole }
  | { kind: 'receipt.presented' }
  | { kind: 'receipt.taken' }
  | { kind: 'door.opened'; door: string }
  | { kind: 'door.closed'; door: string };

export type EngineEvent =
  /** A touch on the attract screen, or a card placed on a reader (the host then reads it). */
  | { type: 'session.start'; at: number; sessionId: string; via: 'touch' | 'card' }
  /** From the page, already checked against the contract's FlowInput schema. */
  | { type: 'input'; at: number; input: FlowInput }
  | { type: 'effect.done'; at: number; key: string; result: unknown }
  /** `held`: a print the printer keeps and prints once it can (paper out): the request is still open. */
  | { type: 'effect.failed'; at: number; key: string; failure: FlowFailure; held?: boolean }
  /** A held print the printer took up again: the terminal works for the citizen once more. */
  | { type: 'effect.resumed'; at: number; key: string }
  | { type: 'timer.fired'; at: number; name: TimerName; token: number }
  | { type: 'device'; at: number; signal: DeviceSignal }
  /** The host restarted with this session's state on file. */
  | { type: 'host.restarted'; at: number };

// ---------------------------------------------------------------------------------------------
// State.

export type LockerState = 'opening' | 'open' | 'recording' | 'done';

export interface Pending {
  type: EffectType;
  /** The request itself, sent again as it was on `retry` (same key: the runner deduplicates). */
  effect: KeyedEffect;
  /** What the page shows while it runs (absent: the terminal waits for the citizen, not for itself). */
  busy?: BusyKey;
  doc?: PrintDoc;
  /** A print the printer holds until it can print (paper out). */
  held?: boolean;
}

export interface FlowData {
  choices: Record<string, string>;
  /** The form as last validated. */
  form?: Record<string, unknown>;
  /** The values of a form the schema refused, with the issues (shown back on the form). */
  formDraft?: Record<string, unknown>;
  formErrors?: { path: string; message: string }[];
  materials: Record<string, { ref: string; pages: number }[]>;
  captureError?: 'missingMaterials' | 'pageLimit' | 'tooManyPages' | 'unknownMaterial';
  elicences?: {
    items: { number: string; licenceType: string; issuer: string; validTo: string }[];
    selected: string[];
  };
  code?: { kind: CodeKind; value: string };
  codeError?: 'format';
  lookup: Partial<Record<QueryKind, unknown>>;
  submission?: { localId: string; delivered: boolean; trackingNumber?: string; qrPayload?: string };
  /** When the wait for 秒批 gives up (epoch ms). */
  resultDeadline?: number;
  /** 秒批: approved, sent for review, or unknown (no answer in time: it is decided later). */
  result?: { approved: boolean | null };
  /** Per print step id: docs printed. */
  printed: Record<string, PrintDoc[]>;
  /** An optional print the citizen agreed to. */
  printAccepted: string[];
  locker?: { step: string; door?: string; state: LockerState };
  ticket?: { number: string; waiting: number; counter?: string | undefined };
  ratingErrors?: { path: string; message: string }[];
  rated?: boolean;
}

export interface FlowRun {
  serviceId: string;
  /** The nth service of this session (part of every key). */
  visit: number;
  index: number;
  /** Step indexes to go back to. */
  history: number[];
  /** Back never returns to this index or before (something irreversible happened there). */
  floor: number;
  data: FlowData;
  pending: Record<string, Pending>;
  /** `retry` sends these requests again; `key` names a held print the fault is about. */
  fault?: { code: FlowFailure; options: FaultOption[]; retry: KeyedEffect[]; key?: string };
  referral?: { code: FlowFailure };
  /** Set once the last step is reached. */
  outcome?: Outcome;
}

export interface SessionState {
  v: 1;
  profile: Profile;
  phase: 'attract' | 'browsing' | 'flow' | 'ending' | 'ended';
  sessionId?: string;
  startedAt?: number;
  /** Time of the last event (views compute nothing from a clock). */
  now: number;
  elder: boolean;
  identity?: Identity;
  /** Physical state the reminders come from. */
  devices: { cards: CardRole[]; receiptWaiting: boolean; openDoors: string[] };
  /** Source of timer tokens. */
  seq: number;
  /** Token of each armed timer; a firing with another token is stale and ignored. */
  timers: Partial<Record<TimerName, number>>;
  idle?: { deadline: number; warning: boolean; paused: boolean };
  visits: number;
  /** The site's idle limits (`site.idleSeconds`); absent: the defaults of LIMITS. */
  idleLimits?: { idleMs: number; warnMs: number };
  /** While browsing: the reader watch, and a card that could not be read. */
  browse?: { key: string; notice?: 'cardUnreadable' };
  flow?: FlowRun;
  ending?: { reason: EndReason; outcome: Outcome };
  ended?: { reason: EndReason; outcome: Outcome; at: number; unresolved: ReminderKind[] };
}

/** The state between sessions. */
export const attract = (
  profile: Profile,
  now = 0,
  idleLimits?: { idleMs: number; warnMs: number },
): SessionState => ({
  v: 1,
  profile,
  ...(idleLimits ? { idleLimits } : {}),
  phase: 'attract',
  now,
  elder: false,
  devices: { cards: [], receiptWaiting: false, openDoors: [] },
  seq: 0,
  timers: {},
  visits: 0,
});

export interface Transition {
  state: SessionState;
  effects: Effect[];
}
