/**
 * `print.receipt` / `print.a4`: what each printable thing of the catalogue (`PRINT_DOCS`) is made of,
 * and how it is followed to paper. Certificates print from the back office's raw records in the
 * session vault, numbered and made verifiable by the back office; a 秒批 result is the back office's
 * own PDF; copies are the citizen's captures. Every job goes through main/printing under the
 * effect's key (one key per printed thing: a retry never prints it twice). A job the printer holds
 * (paper out) is reported as held and answered once it prints; cancelled, it is given up so that
 * nothing comes out of the tray later.
 */
import type { Logger } from '../../devices/core';
import type { ReceiptDocument } from '../../devices/escpos-printer';
import { findService, type Catalogue } from '../../domain/catalogue/catalogue';
import type { PrintDoc } from '../../domain/catalogue/vocabulary';
import type { BackofficeClient, DocumentKind, IssuedDocument, Outbox, PersonRef } from '../backend';
import type { Effect, PrintContext } from '../flow';
import type { FlowFailure } from '../ipc/contract/flow';
import type { Printing, PrintHandle, PrintStatus } from '../printing';
import {
  RECEIPT_TEMPLATES,
  renderReceipt,
  TemplateDataError,
  type ReceiptTemplate,
} from '../../print-templates/receipts';
import { EffectFailure, printFailure } from './failures';
import { INSURANCE_NAMES, personOf } from './lookups';
import { paymentHistorySlip, savedFilingSlip } from './slips';
import type { SessionVault } from './vault';

type PrintEffect = Extract<Effect, { type: 'print.receipt' | 'print.a4' }>;

export interface SiteInfo {
  /** The hall as slips name it, e.g. 东城区政务服务中心 24小时自助服务厅. */
  hallName: string;
  /** The terminal as the hall labels it. */
  terminal: string;
}

export interface PrintDeps {
  printing: Printing;
  client: BackofficeClient | undefined;
  outbox: Outbox | undefined;
  vault: SessionVault;
  catalogue: Catalogue;
  site: SiteInfo;
  now(): number;
  log: Logger;
  /** A receipt came out / was taken (the physical outcome the reminders rest on). */
  receipt(event: 'presented' | 'taken'): void;
}

/** One job to print: a receipt document, an A4 template with its data, or finished PDFs. */
type Job =
  | { kind: 'receipt'; doc: ReceiptDocument }
  | { kind: 'a4'; templateId: string; data: unknown }
  | { kind: 'pdf'; pdfs: { title: string; pdf: Uint8Array }[]; printed?: () => Promise<void> };

const iso = (ms: number) => new Date(ms).toISOString();

/** What the flow is told on the way: the printer holds the job (paper out …), and takes it up again. */
export interface PrintHold {
  held(failure: FlowFailure): void;
  resumed(): void;
}

export async function runPrint(
  effect: PrintEffect,
  deps: PrintDeps,
  signal: AbortSignal,
  hold: PrintHold,
): Promise<object> {
  const job = await prepare(effect.doc, effect.context, deps, signal);
  const handles = start(job, effect.key, deps);
  const results = await Promise.all(handles.map((h) => follow(h, effect.doc, deps, signal, hold)));
  if (job.kind === 'pdf' && job.printed)
    await job.printed().catch((err: unknown) =>
      deps.log.warn('print.reportFailed', {
        doc: effect.doc,
        error: err instanceof Error ? err.name : 'unknown',
      }),
    );
  deps.log.info('print.done', { key: effect.key, doc: effect.doc, states: results.map((r) => r.state) });
  return {};
}

function start(job: Job, key: string, deps: PrintDeps): PrintHandle[] {
  const p = deps.printing;
  switch (job.kind) {
    case 'receipt':
      return [p.printReceipt(job.doc, key)];
    case 'a4':
      return [p.printDocument(job.templateId, job.data, key)];
    case 'pdf':
      return job.pdfs.map((d, i) =>
        p.printPdf(d.pdf, { title: d.title }, job.pdfs.length > 1 ? `${key}.${i}` : key),
      );
  }
}

/** Resolves when the thing is on paper (a receipt printed, a document completed); held and resumed are reported on the way. */
function follow(
  h: PrintHandle,
  doc: PrintDoc,
  deps: PrintDeps,
  signal: AbortSignal,
  hold: PrintHold,
): Promise<PrintStatus> {
  return new Promise((resolve, reject) => {
    let wasHeld = false;
    let presented = false;
    const check = (s: PrintStatus) => {
      if (s.state === 'held' && !wasHeld) {
        wasHeld = true;
        hold.held(printFailure(s.reason));
      } else if (s.state !== 'held' && wasHeld) {
        wasHeld = false;
        if (!s.final) hold.resumed();
      }
      if (h.kind === 'receipt' && !presented && (s.state === 'printed' || s.state === 'notTaken')) {
        presented = true;
        deps.receipt('presented');
      }
      if (h.kind === 'receipt' && s.state === 'taken') {
        if (!presented) deps.receipt('presented');
        presented = true;
        deps.receipt('taken');
      }
      const onPaper =
        s.state === 'printed' || s.state === 'taken' || s.state === 'notTaken' || s.state === 'completed';
      if (onPaper) return resolve(s);
      if (s.state === 'failed' || s.state === 'canceled') {
        deps.log.warn('print.failed', { key: h.key, doc, state: s.state, reason: s.reason });
        return reject(new EffectFailure(printFailure(s.reason), `print ${s.state}: ${s.reason ?? ''}`));
      }
    };
    // The receipt is followed to taken even after its effect is answered: the reminders rest on it.
    const off = h.onChange((s) => {
      check(s);
      if (s.final) off();
    });
    signal.addEventListener(
      'abort',
      () => {
        // Cancelled while held: left for collection at the counter, never printed later.
        if (!h.status().final && h.status().state === 'held') {
          deps.log.info('print.leftForCollection', { key: h.key, doc, reason: h.status().reason });
          h.cancel();
        }
        reject(signal.reason instanceof Error ? signal.reason : new Error('cancelled'));
      },
      { once: true },
    );
    check(h.status());
  });
}

// ---------------------------------------------------------------------------------------------
// What each document is made of.

async function prepare(doc: PrintDoc, c: PrintContext, deps: PrintDeps, signal: AbortSignal): Promise<Job> {
  const v = deps.vault;
  const base = {
    hall: { name: deps.site.hallName, terminal: deps.site.terminal },
    printedAt: iso(deps.now()),
  };
  const service = findService(deps.catalogue, c.serviceId);
  switch (doc) {
    case 'socialInsuranceCertificate': {
      const person = personOf(c.identity);
      const records = v.raw.socialInsurance ?? (await client(deps).socialInsurance(person, {}, signal));
      const kind = (['pension', 'medical', 'unemployment', 'injury'] as const).find((k) =>
        records.months.some((m) => m.insurance === k),
      );
      if (!kind) throw new EffectFailure('noRecords', 'no insurance a certificate covers');
      const months = records.months
        .filter((m) => m.insurance === kind)
        .sort((a, b) => a.month.localeCompare(b.month));
      const statuses = {
        active: '参保缴费',
        suspended: '暂停缴费',
        retired: '终止参保',
        none: '终止参保',
      } as const;
      return a4('social-insurance-certificate', {
        ...(await issue(deps, 'socialInsuranceCertificate', person, signal)),
        insured: person,
        insuranceType: INSURANCE_NAMES[kind],
        employer: months.at(-1)!.unitName,
        insuredSince: records.firstMonth ?? months[0]!.month,
        status: statuses[records.status],
        months: months.map((m) => ({
          month: m.month,
          base: m.baseFen / 100,
          unit: m.unitFen / 100,
          personal: m.personalFen / 100,
          paid: m.paid,
        })),
      });
    }
    case 'housingFundCertificate': {
      const person = personOf(c.identity);
      const fund = v.raw.housingFund ?? (await client(deps).housingFund(person, 12, signal));
      const a = fund.account;
      if (!a) throw new EffectFailure('noRecords', 'no housing fund account');
      const last = fund.deposits.filter((d) => d.paid).at(-1);
      return a4('housing-fund-certificate', {
        ...(await issue(deps, 'housingFundCertificate', person, signal)),
        holder: person,
        accountNumber: a.accountNumber,
        employer: a.unitName,
        accountStatus: ({ normal: '正常缴存', sealed: '封存', closed: '销户' } as const)[a.status],
        openedIn: a.openedOn.slice(0, 7),
        depositBase: a.baseFen / 100,
        unitRate: a.unitRatePct / 100,
        personalRate: a.personalRatePct / 100,
        unitMonthly: (last?.unitFen ?? Math.round((a.baseFen * a.unitRatePct) / 100)) / 100,
        personalMonthly: (last?.personalFen ?? Math.round((a.baseFen * a.personalRatePct) / 100)) / 100,
        paidThrough: a.paidUpTo ?? last?.month ?? a.openedOn.slice(0, 7),
        balance: a.balanceFen / 100,
      });
    }
    case 'realEstateRecord': {
      const person = personOf(c.identity);
      const registrations = v.raw.realEstate ?? (await client(deps).realEstate(person, signal));
      const ownership = { sole: '单独所有', joint: '共同共有', shares: '按份共有' } as const;
      return a4('real-estate-info', {
        ...(await issue(deps, 'realEstateRecord', person, signal)),
        owner: person,
        scope: '本市',
        properties: registrations.slice(0, 50).map((p) => ({
          certificateNumber: p.certificateNumber,
          unitNumber: p.unitNumber,
          location: p.location.slice(0, 120),
          rightType: p.rightType,
          // The registry's provider does not say how the right was acquired: the certificate does.
          rightNature: '见不动产权证书',
          use: p.usage,
          buildingArea: p.areaM2,
          ownership: ownership[p.shareType],
          registeredOn: p.registeredOn,
          mortgaged: p.mortgaged,
          seized: p.seized,
          disputed: false,
        })),
      });
    }
    case 'blankForm': {
      const form = c.formServiceId ? findService(deps.catalogue, c.formServiceId) : undefined;
      if (!form?.form) throw new EffectFailure('internal', 'blank form of a service without a form');
      return a4('blank-form', {
        service: { code: form.serviceId.slice(0, 40), name: form.name.zh, department: deps.site.hallName },
        sections: [
          {
            title: '申请信息',
            fields: form.form.fields.slice(0, 60).map((f) => ({
              label: f.label.zh.slice(0, 30),
              ...(f.hint ? { hint: f.hint.zh.slice(0, 60) } : {}),
            })),
          },
        ],
        materials: form.guide.materials.slice(0, 40).map((m) => m.zh.slice(0, 80)),
        printedAt: base.printedAt,
      });
    }
    case 'resultNotice': {
      // The URL carries the print grant the back office issued to this kiosk with its 秒批 answer.
      const resultUrl = c.localId ? deps.outbox?.instantResultUrl(c.localId) : undefined;
      if (!resultUrl) throw new EffectFailure('network', 'the filing has not reached the back office');
      const pdf = await client(deps).resultDocument(resultUrl, signal);
      return {
        kind: 'pdf',
        pdfs: [{ title: '办件结果通知书', pdf }],
        printed: () => client(deps).resultPrinted(resultUrl),
      };
    }
    case 'copies': {
      const refs = (c.materials ?? []).flatMap((m) => m.refs);
      const pdfs = refs.flatMap((ref) => {
        const capture = v.captures.get(ref);
        return capture ? [{ title: '复印件', pdf: capture.pdf }] : [];
      });
      if (pdfs.length === 0) throw new EffectFailure('internal', 'nothing captured to copy');
      return { kind: 'pdf', pdfs };
    }
    case 'acceptanceSlip': {
      const person = personOf(c.identity);
      const serviceName = (service?.name.zh ?? c.serviceId).slice(0, 60);
      if (c.trackingNumber && c.qrPayload)
        return slip(RECEIPT_TEMPLATES['filing-receipt']!, {
          ...base,
          serviceName,
          trackingNumber: c.trackingNumber,
          applicant: person,
          submittedAt: base.printedAt,
          qrPayload: c.qrPayload,
        });
      return slip(savedFilingSlip, {
        ...base,
        serviceName,
        applicant: person,
        savedAt: base.printedAt,
        reference: shortReference(c.localId ?? ''),
      });
    }
    case 'queueTicket': {
      const taken = [...v.tickets.values()].at(-1);
      if (!taken || !c.ticket) throw new EffectFailure('internal', 'a ticket slip without a ticket');
      const t = taken.ticket;
      return slip(RECEIPT_TEMPLATES['queue-ticket']!, {
        ...base,
        number: t.label,
        theme: t.themeNameZh.slice(0, 30),
        ...(t.counter ? { counters: t.counter.slice(0, 40) } : {}),
        waitingAhead: t.ahead,
        issuedAt: t.takenAt,
      });
    }
    case 'checkInSlip': {
      const taken = [...v.tickets.values()].reverse().find((x) => x.appointment);
      const a = taken?.appointment;
      if (!taken || !a) throw new EffectFailure('internal', 'a check-in slip without a check-in');
      const from = `${a.date}T${a.slotStart}:00+08:00`;
      return slip(RECEIPT_TEMPLATES['check-in-slip']!, {
        ...base,
        applicant: { name: personOf(c.identity).name },
        serviceName: a.serviceName.slice(0, 60),
        slot: { from, to: `${a.date}T${a.slotEnd}:00+08:00` },
        number: taken.ticket.label,
        counters: (taken.ticket.counter ?? taken.ticket.themeNameZh).slice(0, 40),
        checkedInAt: taken.ticket.takenAt,
        late: deps.now() > Date.parse(from),
        bookingReference: a.appointmentId.slice(0, 40),
      });
    }
    case 'depositSlip':
    case 'pickupSlip': {
      const door = [...v.doors.values()].find((d) => d.label === c.door);
      if (!door || !c.door) throw new EffectFailure('internal', 'a locker slip without a door');
      const tracking =
        c.trackingNumber ??
        (c.records?.filing as { trackingNumber?: string } | undefined)?.trackingNumber ??
        (door.grant ? (await client(deps).filing(door.grant.filingId, signal)).trackingNumber : undefined);
      if (!tracking) throw new EffectFailure('internal', 'a locker slip without a filing');
      return slip(RECEIPT_TEMPLATES['locker-slip']!, {
        ...base,
        action: doc === 'depositSlip' ? 'deposit' : 'pickup',
        trackingNumber: tracking,
        door: c.door,
        closedAt: iso(v.closedAt.get(c.door) ?? deps.now()),
        items: [],
      });
    }
    case 'paymentHistory': {
      const person = personOf(c.identity);
      const records = v.raw.socialInsurance ?? (await client(deps).socialInsurance(person, {}, signal));
      const byMonth = new Map<string, { personal: number; unit: number; paid: boolean }>();
      for (const m of records.months) {
        const t = byMonth.get(m.month) ?? { personal: 0, unit: 0, paid: true };
        byMonth.set(m.month, {
          personal: t.personal + m.personalFen / 100,
          unit: t.unit + m.unitFen / 100,
          paid: t.paid && m.paid,
        });
      }
      const months = [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).slice(-120);
      if (months.length === 0) throw new EffectFailure('noRecords', 'no months to print');
      return slip(paymentHistorySlip, {
        ...base,
        holder: person,
        months: months.map(([month, t]) => ({ month, ...t })),
      });
    }
    case 'balanceSlip': {
      const person = personOf(c.identity);
      const m = v.raw.medicalAccount;
      const f = v.raw.housingFund?.account;
      if (m)
        return slip(RECEIPT_TEMPLATES['balance-slip']!, {
          ...base,
          account: 'medicalInsurance',
          holder: person,
          scheme: m.insuredType === 'employee' ? '职工基本医疗保险' : '城乡居民基本医疗保险',
          insuredIn: '本市',
          balance: m.balanceFen / 100,
          asOf: m.asOf,
        });
      if (f)
        return slip(RECEIPT_TEMPLATES['balance-slip']!, {
          ...base,
          account: 'housingFund',
          holder: person,
          accountNumber: f.accountNumber,
          status: ({ normal: '正常缴存', sealed: '封存', closed: '销户' } as const)[f.status],
          balance: f.balanceFen / 100,
          monthlyDeposit: f.monthlyFen / 100,
          paidThrough: f.paidUpTo ?? f.openedOn.slice(0, 7),
          asOf: f.asOf,
        });
      throw new EffectFailure('internal', 'a balance slip without a balance');
    }
    case 'acceptanceReceipt':
    case 'applicationForm':
      // No shipped service prints these at the kiosk: the back office issues the filed form.
      throw new EffectFailure('notConfigured', `${doc} is not printed at a kiosk`);
  }
}

const a4 = (templateId: string, data: unknown): Job => ({ kind: 'a4', templateId, data });

/** `3f2a9c1e-…:1:submit:filing` → `3F2A9C1E-1`: the session's first 8 characters and the visit. */
export const shortReference = (localId: string): string => {
  const [session = '', visit = '1'] = localId.split(':');
  return `${
    session
      .replace(/[^0-9a-z]/gi, '')
      .slice(0, 8)
      .toUpperCase() || 'UNKNOWN'
  }-${visit}`;
};

function slip(template: ReceiptTemplate, data: unknown): Job {
  try {
    return { kind: 'receipt', doc: renderReceipt(template, data) };
  } catch (err) {
    if (!(err instanceof TemplateDataError)) throw err;
    // Field paths only: the data holds names and ID numbers.
    throw new EffectFailure(
      'internal',
      `slip ${template.id}: ${err.issues.map((i) => i.split(':')[0]).join(',')}`,
    );
  }
}

const client = (deps: PrintDeps): BackofficeClient => {
  if (!deps.client) throw new EffectFailure('notConfigured', 'no back office');
  return deps.client;
};

async function issue(
  deps: PrintDeps,
  kind: DocumentKind,
  person: PersonRef,
  signal: AbortSignal,
): Promise<Omit<IssuedDocument, 'issuedAt'> & { issuedAt: string }> {
  return client(deps).issueDocument(kind, person, signal);
}
