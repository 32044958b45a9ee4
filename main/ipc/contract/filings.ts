// The kiosk's filing channels: what the page submits and what it learns back. Pure schemas.
//
// Materials travel as standard base64 (RFC 4648 §4, with padding) inside the call's one object
// argument. That is the one form that survives every hop unchanged: Electron IPC (structured
// clone), the Chromium mode's JSON bridge, and the shell → host message channel (child_process
// IPC serialises JSON, so a Uint8Array would arrive as an object of numbers). It costs a third more
// bytes on loopback, and it keeps a submission one message: the host commits the filing and all its
// scans in one transaction, so no half-uploaded personal data is ever left behind to clean up.
import { z } from 'zod';
import { IdNumber } from '../../../domain/catalogue/fields';

/**
 * Ceiling of one submission's decoded material bytes, a guard against a runaway page. It sits above
 * the back office's defaults (10 MiB a file, 40 MiB a filing); the limits a back office actually
 * pushes are enforced by the host, which answers `tooLarge`.
 */
export const SUBMIT_MAX_BYTES = 64 * 1024 * 1024;
export const MAX_MATERIALS = 50;

/** Characters of base64 for `bytes` bytes. */
export const base64Length = (bytes: number): number => 4 * Math.ceil(bytes / 3);

/** Bytes encoded by a well-formed base64 string. */
export const decodedLength = (b64: string): number =>
  (b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

/** Largest request body of `filings:submit` on the JSON bridge: the materials plus room for the form. */
export const SUBMIT_BODY_LIMIT = base64Length(SUBMIT_MAX_BYTES) + 1024 * 1024;

const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/);

export const FilingMaterialInput = z
  .object({
    /** Shown to staff (e.g. 身份证正面.jpg). */
    name: z.string().min(1).max(120),
    /** The service's material kind (e.g. idCardCopy); the back office's own pattern. */
    kind: z
      .string()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9_-]+$/),
    contentType: z.enum(['image/jpeg', 'application/pdf']),
    /** The file's bytes in base64; the host checks they really are a JPEG or a PDF. */
    data: z.base64().max(base64Length(SUBMIT_MAX_BYTES)),
  })
  .strict();
export type FilingMaterialInput = z.infer<typeof FilingMaterialInput>;

/** The same rules as the back office's filing schema, so nothing durable is promised that it refuses. */
export const SubmitFilingInput = z
  .object({
    /**
     * The citizen session's id, used as the idempotency key: submitting again with the same
     * localId (after a lost answer or a host restart) returns the filing already stored.
     */
    localId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9._:-]+$/),
    serviceId: code,
    applicant: z
      .object({
        /** Every kind the readers decode, the 15-character 2017 foreign number included. */
        idNumber: IdNumber,
        name: z.string().min(1).max(40),
        phone: z
          .string()
          .regex(/^\+?\d{5,20}$/)
          .optional(),
      })
      .strict(),
    form: z.record(z.string(), z.unknown()),
    delivery: z.discriminatedUnion('method', [
      z.object({ method: z.literal('print') }).strict(),
      z.object({ method: z.literal('locker') }).strict(),
      z.object({ method: z.literal('post'), address: z.string().min(4).max(200) }).strict(),
    ]),
    materials: z.array(FilingMaterialInput).max(MAX_MATERIALS),
  })
  .strict()
  .refine((f) => f.materials.reduce((n, m) => n + decodedLength(m.data), 0) <= SUBMIT_MAX_BYTES, {
    path: ['materials'],
    message: 'materials exceed the submission ceiling',
  });
export type SubmitFilingInput = z.infer<typeof SubmitFilingInput>;

export const FilingState = z.enum(['pending', 'sending', 'delivered', 'rejected']);
export type FilingState = z.infer<typeof FilingState>;

/** Where a filing stands in the kiosk's outbox. No personal data: safe for the page, events and logs. */
export const FilingStatusDto = z.object({
  localId: z.string(),
  /** pending → sending → delivered (with trackingNumber) | rejected (with rejection). */
  state: FilingState,
  serviceId: z.string(),
  filingId: z.string().optional(),
  /** The back office's tracking number (受理编号), once it has the filing. */
  trackingNumber: z.string().optional(),
  /** The receipt's QR code payload, once it has the filing. */
  qrPayload: z.string().optional(),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.number().optional(),
  /** Error code of the last failed attempt (network, timeout, …); delivery is retried. */
  lastError: z.string().optional(),
  rejection: z.object({ code: z.string(), status: z.number().optional(), reason: z.string() }).optional(),
  materials: z.object({ total: z.number().int(), uploaded: z.number().int() }).optional(),
  createdAt: z.number(),
  deliveredAt: z.number().optional(),
  /** Citizen-facing text of the state, Chinese first. */
  label: z.object({ zh: z.string(), en: z.string() }),
});
export type FilingStatusDto = z.infer<typeof FilingStatusDto>;

export const FilingStatusInput = z.object({ localId: SubmitFilingInput.shape.localId }).strict();
