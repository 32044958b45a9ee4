/**
 * The steps of a journey, in order. main/flow interprets them (main/flow/README.md); a step with
 * `when` is entered only while its guard holds, so branches are written as guarded steps
 * (秒批 approved → print the licence; delivery by locker → the deposit step).
 */
import { z } from 'zod';
import { LocalText } from '../text';
import { Guard } from './guards';
import { ChoiceOption } from './fields';
import { CodeKind, IdMethod, PrintDoc } from './vocabulary';
import { QueryKind } from './queries';

const stepId = z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/);
const base = { id: stepId, when: Guard.optional() };

export const MaterialSpec = z.strictObject({
  /** The back office's material kind (e.g. idCardCopy, premisesProof). */
  kind: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  name: LocalText,
  hint: LocalText.optional(),
  required: z.boolean().default(true),
  maxPages: z.int().min(1).max(50).default(5),
});
export type MaterialSpec = z.infer<typeof MaterialSpec>;

/** Lists a choice may take its options from, instead of fixed ones. */
export const CHOICE_SOURCES = ['appointments', 'filings', 'formServices'] as const;

export const Step = z.discriminatedUnion('kind', [
  /** The service guide: materials, time limit, fees, legal basis. */
  z.strictObject({ ...base, kind: z.literal('guide') }),
  /**
   * Identify the citizen. Skipped when the session already holds an identity of an accepted
   * method. `orCode`: a code may stand for the person instead (a receipt QR, a pickup code).
   */
  z.strictObject({
    ...base,
    kind: z.literal('identify'),
    accept: z
      .array(IdMethod.exclude(['none']))
      .min(1)
      .optional(),
    orCode: CodeKind.optional(),
  }),
  /** The service's form, prefilled from the identity, validated with the service's schema. */
  z.strictObject({ ...base, kind: z.literal('form') }),
  /** One choice; the answer is the fact `choice.<key>`. */
  z.strictObject({
    ...base,
    kind: z.literal('choose'),
    key: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/),
    prompt: LocalText,
    options: z.array(ChoiceOption).min(2).max(30).optional(),
    from: z.enum(CHOICE_SOURCES).optional(),
  }),
  /** Capture materials on the document camera (the host assembles each into a PDF). */
  z.strictObject({
    ...base,
    kind: z.literal('capture'),
    materials: z.array(MaterialSpec).min(1).max(20),
    /** Pages allowed in one session over all materials (复印's page limit). */
    pageLimit: z.int().min(1).max(200).optional(),
  }),
  /** Fetch the citizen's e-licences (电子证照) and let them attach some instead of copies. */
  z.strictObject({ ...base, kind: z.literal('elicences') }),
  /** What will be filed, for a last look. */
  z.strictObject({ ...base, kind: z.literal('confirm') }),
  /** File with the back office (durable in the kiosk's outbox first). */
  z.strictObject({
    ...base,
    kind: z.literal('submit'),
    /** The result's delivery: fixed, or the answer of the choice `delivery`. */
    delivery: z.enum(['print', 'locker', 'choice']),
  }),
  /** Wait for the back office's instant decision (秒批); no answer in time means "filed for review". */
  z.strictObject({
    ...base,
    kind: z.literal('waitResult'),
    ms: z.int().min(1000).max(300_000).default(30_000),
  }),
  /** Print documents; `optional`: the citizen may decline. */
  z.strictObject({
    ...base,
    kind: z.literal('print'),
    outputs: z
      .array(z.strictObject({ doc: PrintDoc, when: Guard.optional() }))
      .min(1)
      .max(4),
    optional: z.boolean().default(false),
  }),
  /** Put papers in a locker door for the journey's filing, or the filing named by a code. */
  z.strictObject({ ...base, kind: z.literal('lockerDeposit') }),
  /** Collect a result from a locker, found by the citizen's identity or a pickup code. */
  z.strictObject({ ...base, kind: z.literal('lockerPickup') }),
  /** A queue ticket for the counter theme chosen as `choice.theme`. */
  z.strictObject({ ...base, kind: z.literal('queueTicket') }),
  /** Check in the appointment chosen as `choice.appointment`. */
  z.strictObject({ ...base, kind: z.literal('checkIn') }),
  /** 好差评 of the journey's filing, or of the filing chosen as `choice.filing`. */
  z.strictObject({ ...base, kind: z.literal('rate'), optional: z.boolean().default(true) }),
  /** Look a record up through the back office; `show`: present it and wait for the citizen. */
  z.strictObject({ ...base, kind: z.literal('lookup'), query: QueryKind, show: z.boolean().default(true) }),
  /** Enter (or scan) a code: a tracking number, a pickup code, a receipt QR. */
  z.strictObject({ ...base, kind: z.literal('enterCode'), code: CodeKind, scan: z.boolean().default(true) }),
  /** The sample form of the service chosen as `choice.service`, filled in, on screen. */
  z.strictObject({ ...base, kind: z.literal('sample') }),
  /** A message on the way (e.g. "filed for review: the result comes later"). */
  z.strictObject({
    ...base,
    kind: z.literal('notice'),
    tone: z.enum(['info', 'success', 'warning']).default('info'),
    message: LocalText,
  }),
  /** The end of the journey: what happened and what comes next; the first message whose guard holds. */
  z.strictObject({
    ...base,
    kind: z.literal('done'),
    messages: z
      .array(z.strictObject({ when: Guard.optional(), text: LocalText }))
      .min(1)
      .max(6),
  }),
]);
export type Step = z.infer<typeof Step>;
export type StepKind = Step['kind'];
export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;
