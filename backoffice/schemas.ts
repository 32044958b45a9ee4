import { z } from 'zod';
import { PushedCatalogue } from '../domain/catalogue/catalogue';
import { FORM_BOUNDS, IdNumberInput } from '../domain/catalogue/fields';
import { boundedJsonObject } from '../domain/json';
import { ALERT_KINDS } from './services/attempts';
import { queueTheme } from './domain/queue';
import { RatingSubmission } from '../domain/rating';
import { FILING_STATUSES, HISTORY_KINDS } from './domain/states';
import {
  appointment,
  codeHolder,
  housingFundReply,
  medicalAccountReply,
  realEstateReply,
  socialInsuranceRecords,
} from './providers/records';

// Every request and response shape of API v1 (see /tmp contract): handlers parse with these and
// /api/v1/openapi.json is generated from them.

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/);
const isoTime = z.iso.datetime({ offset: true });

/**
 * Bounds of the free-form JSON fields (issue #12: a deeply nested one gave a 500): a device's detail
 * in a heartbeat, the site settings. A filing's form is bounded by its service's schema
 * (domain/catalogue FORM_BOUNDS), the catalogue by its own (CATALOGUE_BOUNDS).
 */
export const DETAIL_BOUNDS = { maxDepth: 6, maxSize: 16_000 } as const;
export const SITE_BOUNDS = { maxDepth: 8, maxSize: 256_000 } as const;
const siteSettings = boundedJsonObject(SITE_BOUNDS);
export const staffRole = z.enum(['clerk', 'supervisor', 'technician']);
export const filingStatus = z.enum(FILING_STATUSES);

// Kiosks
export const kioskRegister = z.object({
  kioskId: id,
  name: z.string().min(1).max(100),
  site: z.string().min(1).max(100),
});
export const kioskRegistered = z.object({ kioskId: z.string(), credential: z.string() });
export const kioskParams = z.object({ kioskId: id });
export const deviceReport = z.object({
  deviceId: z.string().min(1).max(64),
  family: z.string().min(1).max(64),
  health: z.enum(['online', 'offline', 'noDevice', 'hardwareError', 'userError', 'busy', 'powerOff']),
  detail: boundedJsonObject(DETAIL_BOUNDS).default({}),
  lastError: z
    .object({ code: z.string().max(64), detail: z.string().max(200).optional(), at: z.number().optional() })
    .optional(),
});
/** The kiosk's self-check and the services it can offer now (the kiosk's one availability rule). */
export const serviceHealth = z.object({
  checkedAt: isoTime.nullable().describe('the last self-check: at boot, or a technician’s recheck'),
  verdict: z.enum(['ok', 'degraded', 'down']).nullable(),
  offered: z.array(z.string().min(1).max(64)).max(200),
  notOffered: z
    .array(
      z.object({
        serviceId: z.string().min(1).max(64),
        missing: z.array(z.string().max(64)).max(16).describe('device roles that cannot serve'),
      }),
    )
    .max(200),
});
export const heartbeat = z.object({
  sentAt: isoTime,
  appVersion: z.string().max(40),
  configVersion: z.number().int().nonnegative(),
  devices: z.array(deviceReport).max(64),
  session: z.enum(['idle', 'serving', 'maintenance']),
  health: serviceHealth.optional(),
});
export const kioskConfig = z.object({
  version: z.number().int(),
  catalogue: PushedCatalogue.describe(
    'the site’s enabled services in display order, each under its theme (domain/catalogue PushedCatalogue); kiosks validate it with parseCatalogue',
  ),
  site: siteSettings,
  limits: z
    .object({ maxMaterialBytes: z.number().int(), maxFilingBytes: z.number().int() })
    .describe(
      'what the back office accepts, so the kiosk refuses an oversized scan before the citizen leaves',
    ),
});
export const heartbeatReply = z.object({ configVersion: z.number().int(), config: kioskConfig.optional() });
export const configUpdate = z.object({
  catalogue: PushedCatalogue.optional().describe(
    'service definitions in the site’s order (domain/catalogue): only services this back office knows, and a filing service’s form, 秒批 rule and result wording as the back office has them',
  ),
  site: siteSettings.optional(),
});

// Filings
const personName = z.string().min(1).max(40);
/**
 * Every identity number a kiosk reader decodes, by the one rule of domain/identity: resident ID card
 * and HK/Macau/Taiwan residence permit (18, GB 11643, check digit and birth date checked), foreign
 * permanent residence card 2023 (18, starts with 9) and 2017 (15: nationality letters + 12 digits).
 */
const idNumber = IdNumberInput;
export const delivery = z.discriminatedUnion('method', [
  z.object({ method: z.literal('print') }),
  z.object({ method: z.literal('locker') }),
  z.object({ method: z.literal('post'), address: z.string().min(4).max(200) }),
]);
export const filingCreate = z.object({
  serviceId: z.string().min(1).max(64),
  kioskId: id,
  applicant: z.object({
    idNumber,
    name: personName,
    phone: z
      .string()
      .regex(/^\+?\d{5,20}$/)
      .optional(),
  }),
  form: boundedJsonObject(FORM_BOUNDS).describe(
    'the filled form, checked against the service’s form schema (domain/catalogue findFilingService)',
  ),
  delivery,
});
export const filingCreated = z.object({
  filingId: z.string(),
  trackingNumber: z.string(),
  status: filingStatus,
  qrPayload: z.string(),
  submittedAt: isoTime,
  instantResult: z.object({ decision: z.literal('approved'), documentUrl: z.string() }).optional(),
});
export const filingParams = z.object({ filingId: z.uuid() });
const printGrant = z
  .string()
  .regex(/^[0-9a-z]{1,12}\.[0-9a-f]{32}$/)
  .describe(
    'the print grant of resultUrl: issued to this kiosk when the applicant’s identity was presented here',
  );
export const resultQuery = z.object({
  grant: printGrant.optional().describe('required of kiosks (staff need none)'),
});
export const resultPrinted = z.object({ grant: printGrant });
export const materialParams = z.object({ filingId: z.uuid(), materialId: z.uuid() });
export const staffFilingParams = z.object({ id: z.uuid() });
export const materialQuery = z.object({
  name: z.string().min(1).max(120),
  kind: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/),
});
export const materialCreated = z.object({ materialId: z.string(), bytes: z.number(), sha256: z.string() });
export const statusEvent = z.object({
  from: filingStatus.nullable(),
  to: filingStatus,
  at: isoTime,
  actor: z.string(),
  reason: z.string().optional(),
  kind: z
    .enum(HISTORY_KINDS)
    .describe('status: a status change; otherwise an event in the filing’s status (from = to)'),
});
const lockerPlace = {
  cabinetId: id,
  board: z.number().int().min(0).max(255),
  door: z.number().int().min(0).max(255),
};
export const doorContent = z.object({
  kioskId: z.string(),
  ...lockerPlace,
  content: z.enum(['deposit', 'result']).describe('citizen papers put in, or a result waiting for pickup'),
  id: z.string().describe('depositId or pickupId'),
  filingId: z.string(),
  trackingNumber: z.string(),
  state: z.enum(['deposited', 'waiting', 'opened']),
  since: isoTime,
  expiresAt: isoTime.optional(),
  expired: z.boolean(),
});
export const filing = z.object({
  filingId: z.string(),
  trackingNumber: z.string(),
  serviceId: z.string(),
  kioskId: z.string(),
  status: filingStatus,
  applicant: z.object({ idNumber: z.string(), name: z.string(), phone: z.string().optional() }),
  form: z.record(z.string(), z.unknown()),
  delivery,
  submittedAt: isoTime,
  updatedAt: isoTime,
  decisionReason: z.string().optional(),
  missing: z.array(z.string()).optional(),
  materials: z.array(
    z.object({
      materialId: z.string(),
      name: z.string(),
      kind: z.string(),
      bytes: z.number(),
      sha256: z.string(),
    }),
  ),
  resultUrl: z.string().optional(),
  lockers: z
    .array(doorContent)
    .optional()
    .describe('staff only: doors now holding papers or the result of this filing'),
  history: z.array(statusEvent),
});
export const progressQuery = z.union([
  z.object({ trackingNumber: z.string().min(6).max(40) }),
  z.object({ qr: z.string().min(10).max(200).describe('the receipt QR payload as scanned') }),
  z.object({ idNumber, name: personName }),
]);
export const progressItem = z.object({
  trackingNumber: z.string(),
  serviceId: z.string(),
  status: filingStatus,
  updatedAt: isoTime,
  delivery,
  filingId: z.string().optional().describe('only when asked by ID number + name (the applicant)'),
  resultUrl: z
    .string()
    .optional()
    .describe('result to print at the kiosk: only for the applicant, delivery print, status resultReady'),
  missing: z.array(z.string()).optional().describe('materials staff asked for (status needsMore)'),
  decisionReason: z.string().optional(),
  rated: z.boolean().describe('已评价: the 好差评 of this filing is given (one per filing)'),
});
export const progressReply = z.object({ items: z.array(progressItem) });
/** 好差评 (GB/T 39734, domain/rating): level 1–5, options of that level, optional text (a 差评 needs one of them). */
export const rating = RatingSubmission;
export const ratingRecorded = z.object({
  trackingNumber: z.string(),
  level: z.number().int(),
  levelName: z.string(),
  badRating: z.boolean().describe('差评: the hall calls the applicant back (回访)'),
});
/** 好差评 of a past filing at a kiosk: the receipt QR, or the tracking number with the applicant's ID card. */
export const ratingByTracking = z.object({
  kioskId: id,
  filing: z.union([
    z.object({ qr: z.string().min(10).max(200).describe('the receipt QR payload as scanned') }),
    z.object({ trackingNumber: z.string().min(6).max(40), idNumber: idNumber }),
  ]),
  rating: RatingSubmission,
});
export const okReply = z.object({ ok: z.literal(true) });

// Lockers
export const deposit = z
  .object({
    filingId: z.uuid().optional(),
    /** A citizen handing in papers names the filing by the tracking number on their receipt (材料投递). */
    trackingNumber: z.string().min(6).max(40).optional(),
    kioskId: id,
    ...lockerPlace,
  })
  .refine((d) => (d.filingId === undefined) !== (d.trackingNumber === undefined), {
    message: 'either filingId or trackingNumber',
    path: ['filingId'],
  });
export const depositCreated = z.object({ depositId: z.string() });
export const pickupVerify = z.union([
  z.object({ kioskId: id, code: z.string().regex(/^\d{6,8}$/) }),
  z.object({ kioskId: id, idNumber, name: personName }),
]);
export const pickupVerified = z.object({ pickupId: z.string(), filingId: z.string(), ...lockerPlace });
export const pickupParams = z.object({ pickupId: z.uuid() });
export const pickupCollected = z.object({ doorOpenedAt: isoTime, doorClosedAt: isoTime });
export const lockerAssignment = z.object({
  kioskId: id,
  ...lockerPlace,
  deliveryChange: z
    .object({ reason: z.string().trim().min(1).max(200) })
    .optional()
    .describe('required when the applicant chose 自助打印 or 邮寄: the delivery becomes locker, with why'),
});
export const lockerAssigned = z.object({ pickupId: z.string(), pickupCode: z.string(), expiresAt: isoTime });
export const lockerDoorsQuery = z.object({ kioskId: id.optional() });
export const lockerDoors = z.object({ doors: z.array(doorContent) });
export const depositParams = z.object({ depositId: z.uuid() });
export const lockerRelease = z.object({ reason: z.string().min(1).max(200) });

// E-licences
export const elicenceQuery = z.object({ idNumber });
export const elicenceReply = z.object({
  items: z.array(
    z.object({
      licenceType: z.string(),
      number: z.string(),
      issuer: z.string(),
      validTo: z.string(),
      holderName: z.string(),
    }),
  ),
});

// Staff
export const login = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
export const loginReply = z.object({
  token: z.string(),
  role: staffRole,
  displayName: z.string(),
  expiresAt: isoTime,
});
export const staffFilingsQuery = z.object({
  status: filingStatus.optional(),
  serviceId: z.string().max(64).optional(),
  trackingNumber: z.string().min(6).max(40).optional(),
  idNumber: idNumber.optional().describe("the applicant's ID number (matched by keyed hash)"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const filingSummary = z.object({
  filingId: z.string(),
  trackingNumber: z.string(),
  serviceId: z.string(),
  kioskId: z.string(),
  status: filingStatus,
  applicantIdNumber: z.string().describe('masked'),
  applicantName: z.string().describe('masked'),
  submittedAt: isoTime,
  updatedAt: isoTime,
});
export const staffFilings = z.object({ items: z.array(filingSummary), total: z.number().int() });
export const reason = z.object({ reason: z.string().min(1).max(500) });
export const requestMore = z.object({
  reason: z.string().min(1).max(500),
  missing: z.array(z.string().min(1).max(100)).min(1),
});
export const resultGenerate = z.object({ generate: z.literal(true) });
export const posted = z.object({ waybill: z.string().min(4).max(40), carrier: z.string().min(1).max(40) });
export const fleetItem = z.object({
  kioskId: z.string(),
  name: z.string(),
  site: z.string(),
  presence: z.enum(['online', 'stale', 'offline']),
  lastHeartbeatAt: isoTime.nullable(),
  appVersion: z.string().nullable(),
  configVersion: z.number().nullable(),
  session: z.string().nullable(),
  devices: z.array(deviceReport),
  health: serviceHealth.nullable(),
  faults: z.array(
    z.object({
      deviceId: z.string(),
      family: z.string(),
      health: z.string(),
      lastError: z.string().optional(),
    }),
  ),
});
export const fleet = z.array(fleetItem);
export const fleetQuery = z.object({
  canOffer: z.string().max(64).optional().describe('only kiosks that can offer this service now'),
  cannotOffer: z
    .string()
    .max(64)
    .optional()
    .describe('only kiosks that know this service and cannot offer it now (a device, offline, maintenance)'),
});
export const kioskFault = z.object({
  deviceId: z.string(),
  condition: z.string(),
  since: isoTime,
  until: isoTime.nullable(),
});
export const kioskFaults = z.array(kioskFault);
export const ratingsQuery = z.object({ from: isoTime.optional(), to: isoTime.optional() });
export const ratingItem = z.object({
  filingId: z.string(),
  trackingNumber: z.string(),
  serviceId: z.string(),
  kioskId: z.string(),
  channel: z.string().describe('selfServiceTerminal (自助终端)'),
  level: z.number().int(),
  levelName: z.string(),
  options: z.array(z.object({ code: z.string(), label: z.string() })),
  indicators: z.record(z.string(), z.number()).optional().describe('ratings taken before options existed'),
  comment: z.string().optional(),
  ratedAt: isoTime,
  badRating: z.boolean(),
  callback: z
    .object({
      state: z.enum(['pending', 'done']),
      at: isoTime.optional(),
      by: z.string().optional(),
      reached: z.boolean().optional(),
      note: z.string().optional(),
    })
    .optional()
    .describe('回访 of a 差评'),
  forwarding: z.object({
    state: z.enum(['pending', 'sent', 'rejected']),
    attempts: z.number().int(),
    forwardedAt: isoTime.optional(),
    reference: z.string().optional(),
    error: z.string().optional(),
  }),
});
export const ratingCallback = z.object({
  reached: z.boolean().describe('the applicant was reached'),
  note: z.string().trim().min(1).max(500).describe('what was said and done (核实、整改、答复)'),
});
export const ratingParams = z.object({ filingId: z.uuid() });
export const ratingsReply = z.object({ items: z.array(ratingItem) });
export const alertsQuery = z.object({
  since: isoTime.optional().describe('default: the last 24 hours (active lockouts are always listed)'),
});
export const securityAlert = z.object({
  alertId: z.string(),
  at: isoTime,
  kind: z
    .enum(ALERT_KINDS)
    .describe(
      'pickupCodes: codes at a kiosk (ID-card pickup still works); pickupIdCard: one person’s ID card; pickupIdCardsAtKiosk: ID cards at a kiosk; loginFromSource: a user from one address; loginSource: every user from one address; loginAccount: a user from everywhere',
    ),
  kioskId: z.string().optional(),
  username: z.string().optional(),
  source: z.string().optional().describe('the address the guesses came from'),
  lockedUntil: isoTime,
  active: z.boolean(),
});
export const alertsReply = z.object({ items: z.array(securityAlert) });
export const auditVerify = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  brokenAt: z.number().int().optional(),
  head: z
    .object({ seq: z.number().int(), hash: z.string() })
    .optional()
    .describe('record it elsewhere; pass it back as anchorSeq/anchorHash to detect a cut-off tail'),
});
export const auditVerifyQuery = z
  .object({
    anchorSeq: z.coerce.number().int().min(1).optional(),
    anchorHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .refine((q) => (q.anchorSeq === undefined) === (q.anchorHash === undefined), {
    message: 'anchorSeq and anchorHash go together',
  });

// Citizen data the hall does not own (providers) and the queue
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
export const personQuery = z.object({ idNumber: idNumber, name: personName });
export const socialInsuranceQuery = personQuery
  .extend({
    from: yearMonth.optional().describe('first month (default: 12 months before `to`)'),
    to: yearMonth.optional().describe('last month (default: last month, CST)'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to' });
export const socialInsuranceReply = socialInsuranceRecords.extend({ from: yearMonth, to: yearMonth });
export const housingFundQuery = personQuery.extend({
  months: z.coerce.number().int().min(1).max(36).default(12).describe('deposit months to list'),
});
export { housingFundReply, medicalAccountReply, realEstateReply };

export const queueThemeStatus = queueTheme.extend({
  waiting: z.number().int().describe('tickets waiting in this queue now'),
});
export const queueStatus = z.object({
  site: z.string(),
  day: z.iso.date(),
  themes: z.array(queueThemeStatus),
});
export const queueTicketCreate = z.object({
  kioskId: id,
  theme: z.string().min(1).max(40),
  idNumber: idNumber
    .optional()
    .describe('from the ID card: one waiting ticket per person and queue (a repeat gets it again)'),
});
export const queueTicket = z.object({
  ticketId: z.string(),
  label: z.string().describe('the number called out, e.g. A012'),
  theme: z.string(),
  themeNameZh: z.string(),
  themeNameEn: z.string(),
  site: z.string(),
  day: z.iso.date(),
  state: z.enum(['waiting', 'called', 'served', 'noShow']),
  priority: z.boolean().describe('an appointment check-in: called before walk-ins (预约优先)'),
  ahead: z.number().int().describe('tickets called before this one'),
  takenAt: isoTime,
  counter: z.string().optional(),
  calledAt: isoTime.optional(),
});
export const appointmentWithTicket = appointment.extend({
  ticket: queueTicket.optional().describe('the queue ticket its check-in yielded'),
});
export const appointmentsReply = z.object({
  date: z.iso.date(),
  appointments: z.array(appointmentWithTicket),
});
export const appointmentParams = z.object({ appointmentId: appointment.shape.appointmentId });
export const checkIn = z.object({ kioskId: id, idNumber: idNumber, name: personName });
export const codeResolve = z.object({
  kioskId: id,
  code: z.string().min(1).max(200).describe('the 一码办 QR code as scanned (a bearer token: body only)'),
});
export const codeResolved = codeHolder.describe('whom the code stands for: what identification needs');
export const checkedIn = z.object({ appointment: appointmentWithTicket, ticket: queueTicket });

export const staffQueueQuery = z.object({ site: z.string().min(1).max(100).optional() });
export const staffTicket = queueTicket.extend({
  byIdCard: z.boolean(),
  recalls: z.number().int(),
  calledBy: z.string().optional(),
});
export const staffQueue = z.object({
  site: z.string().nullable().describe('the site shown (null: no kiosk registered yet)'),
  sites: z.array(z.string()),
  day: z.iso.date(),
  themes: z.array(
    queueThemeStatus.extend({
      next: z.array(z.string()).describe('labels of the next tickets, in calling order'),
    }),
  ),
  called: z.array(staffTicket).describe('the ticket each counter called last today'),
});
export const queueCall = z.object({
  site: z.string().min(1).max(100),
  counter: z.string().min(1).max(20).describe('counter (窗口) name, e.g. 3号窗口'),
  themes: z.array(z.string().min(1).max(40)).min(1).max(26).describe('the themes this counter serves'),
});
export const queueCalled = z.object({
  ticket: staffTicket.nullable().describe('null: nobody is waiting'),
  served: z.string().optional().describe('label of the ticket this counter had called before'),
});
export const ticketParams = z.object({ ticketId: z.uuid() });
export const ticketClose = z.object({ outcome: z.enum(['served', 'noShow']) });

export const providerSwitch = z.object({ down: z.boolean() });
export const providersReply = z.object({
  citizenData: z.object({
    kind: z.enum(['simulated', 'http', 'custom']),
    down: z.boolean().optional(),
    baseUrl: z.string().optional(),
  }),
});

// Issued documents (certificates printed at a kiosk from citizen data the hall does not own)
export const DOCUMENT_KINDS = [
  'socialInsuranceCertificate',
  'housingFundCertificate',
  'realEstateRecord',
  'paymentHistory',
] as const;
export const documentIssue = z.object({
  kioskId: id,
  kind: z.enum(DOCUMENT_KINDS),
  idNumber,
  name: personName,
});
export const documentIssued = z.object({
  documentNumber: z.string(),
  issuedAt: isoTime,
  issuer: z.object({ name: z.string(), sealText: z.string() }),
  verification: z.object({ code: z.string(), url: z.string() }),
});
