/**
 * `backoffice.query`: the back office's (or its provider's) answer about the citizen or a code, in
 * the shape the engine checks (`QueryResults`, domain/catalogue/queries.ts). The raw answers stay in
 * the session's vault: certificates and slips print from them (they carry more than the screen
 * shows). No records is `noRecords` (the citizen is told, not shown an empty page); a code that
 * names nothing is `notFound`.
 */
import type { QueryKind, QueryResult } from '../../domain/catalogue/queries';
import type { ThemeId } from '../../domain/catalogue/vocabulary';
import { findServiceDefinition } from '../../domain/catalogue/backoffice';
import type {
  Appointment,
  BackofficeClient,
  HousingFund,
  InsuranceKind,
  MedicalAccount,
  PersonRef,
  ProgressItem,
  RealEstateRegistration,
  SocialInsuranceRecords,
} from '../backend';
import type { Identity, Subject } from '../flow';
import { EffectFailure } from './failures';
import type { SessionVault } from './vault';

export const INSURANCE_NAMES: Readonly<Record<InsuranceKind, string>> = {
  pension: '企业职工基本养老保险',
  medical: '职工基本医疗保险',
  unemployment: '失业保险',
  injury: '工伤保险',
  maternity: '生育保险',
};

const yuan = (fen: number): number => Math.round(fen) / 100;

/** Whom a question is about: the person on the card (ID number and name, as the city's systems check both). */
export function personOf(identity: Identity | undefined): PersonRef {
  if (!identity) throw new EffectFailure('internal', 'a look-up about nobody');
  // A bank card names an account, not a person: the back office has no provider that resolves one yet.
  if (identity.method === 'bankCard') throw new EffectFailure('notConfigured', 'bank card look-up');
  return { idNumber: identity.idNumber, name: identity.name };
}

const personOfSubject = (subject: Subject): PersonRef =>
  subject.by === 'identity' ? personOf(subject.identity) : fail('internal', 'a person look-up by code');

const fail = (failure: 'internal' | 'noRecords' | 'notFound', why: string): never => {
  throw new EffectFailure(failure, why);
};

export async function lookUp(
  query: QueryKind,
  subject: Subject,
  client: BackofficeClient,
  vault: SessionVault,
  signal: AbortSignal,
): Promise<unknown> {
  switch (query) {
    case 'socialInsuranceRecord':
    case 'socialInsurancePayments': {
      const records = await client.socialInsurance(personOfSubject(subject), {}, signal);
      vault.raw.socialInsurance = records;
      if (records.status === 'none' || records.months.length === 0) fail('noRecords', query);
      return query === 'socialInsuranceRecord' ? insuredOf(records) : paymentsOf(records);
    }
    case 'medicalInsuranceBalance': {
      const account = await client.medicalAccount(personOfSubject(subject), signal);
      if (!account) return fail('noRecords', query);
      vault.raw.medicalAccount = account;
      return medicalOf(account);
    }
    case 'housingFundAccount': {
      const fund = await client.housingFund(personOfSubject(subject), 12, signal);
      if (!fund.account) return fail('noRecords', query);
      vault.raw.housingFund = fund;
      return housingOf(fund);
    }
    case 'realEstate': {
      const registrations = await client.realEstate(personOfSubject(subject), signal);
      if (registrations.length === 0) return fail('noRecords', query);
      vault.raw.realEstate = registrations;
      return { properties: registrations.slice(0, 50).map(propertyOf) } satisfies QueryResult<'realEstate'>;
    }
    case 'progress': {
      const items = await progress(subject, client, signal);
      if (items.length === 0) return fail(subject.by === 'identity' ? 'noRecords' : 'notFound', query);
      vault.raw.progress = items;
      return { items: items.slice(0, 50).map(progressItemOf) } satisfies QueryResult<'progress'>;
    }
    case 'filing': {
      const [item] = await progress(subject, client, signal);
      if (!item) return fail('notFound', query);
      vault.raw.progress = [item];
      const doors = await client.lockerDoors(signal);
      const waiting = doors.some(
        (d) => d.content === 'deposit' && d.trackingNumber === item.trackingNumber && d.state === 'deposited',
      );
      return {
        trackingNumber: item.trackingNumber,
        serviceId: item.serviceId,
        ...serviceName(item.serviceId),
        status: item.status,
        acceptsDeposit: (item.status === 'submitted' || item.status === 'needsMore') && !waiting,
      } satisfies QueryResult<'filing'>;
    }
    case 'appointments': {
      const list = (await client.appointmentsToday(personOfSubject(subject), signal)).filter(
        (a) => a.status !== 'cancelled',
      );
      if (list.length === 0) return fail('noRecords', query);
      vault.raw.appointments = list;
      return { items: list.slice(0, 20).map(appointmentOf) } satisfies QueryResult<'appointments'>;
    }
    case 'elicences': {
      const items = await client.elicences(personOfSubject(subject).idNumber, signal);
      return {
        items: items
          .filter((i) => i.validTo === '长期' || /^\d{4}-\d{2}-\d{2}$/.test(i.validTo))
          .slice(0, 50)
          .map(({ licenceType, number, issuer, validTo }) => ({ licenceType, number, issuer, validTo })),
      } satisfies QueryResult<'elicences'>;
    }
  }
}

function progress(subject: Subject, client: BackofficeClient, signal: AbortSignal): Promise<ProgressItem[]> {
  if (subject.by === 'identity') {
    const p = personOf(subject.identity);
    return client.progressByApplicant(p.idNumber, p.name, signal);
  }
  if (subject.code === 'receiptQr') return client.progressByQr(subject.value, signal);
  return client.progressByTracking(subject.value, signal);
}

const serviceName = (serviceId: string) => {
  const def = findServiceDefinition(serviceId);
  return def ? { serviceName: def.name } : {};
};

const progressItemOf = (i: ProgressItem): QueryResult<'progress'>['items'][number] => ({
  trackingNumber: i.trackingNumber,
  serviceId: i.serviceId,
  ...serviceName(i.serviceId),
  status: i.status,
  updatedAt: i.updatedAt,
  ...(i.missing?.length ? { missing: i.missing.slice(0, 20).map((m) => m.slice(0, 80)) } : {}),
});

const STATUS_ZH = {
  active: '参保缴费',
  suspended: '暂停缴费',
  retired: '终止参保',
  none: '终止参保',
} as const;

function insuredOf(r: SocialInsuranceRecords): QueryResult<'socialInsuranceRecord'> {
  const kinds = [...new Set(r.months.map((m) => m.insurance))];
  return {
    insured: kinds.slice(0, 20).map((kind) => {
      const months = r.months
        .filter((m) => m.insurance === kind)
        .sort((a, b) => a.month.localeCompare(b.month));
      return {
        insuranceType: INSURANCE_NAMES[kind],
        employer: months.at(-1)!.unitName.slice(0, 80),
        since: r.firstMonth ?? months[0]!.month,
        status: STATUS_ZH[r.status],
        months: months.filter((m) => m.paid).length,
      };
    }),
  };
}

function paymentsOf(r: SocialInsuranceRecords): QueryResult<'socialInsurancePayments'> {
  return {
    months: [...r.months]
      .sort((a, b) => a.month.localeCompare(b.month))
      .slice(-600)
      .map((m) => ({
        month: m.month,
        insuranceType: INSURANCE_NAMES[m.insurance],
        base: yuan(m.baseFen),
        personal: yuan(m.personalFen),
        unit: yuan(m.unitFen),
        paid: m.paid,
      })),
  };
}

const medicalOf = (a: MedicalAccount): QueryResult<'medicalInsuranceBalance'> => ({
  balance: yuan(a.balanceFen),
  asOf: a.asOf.slice(0, 10),
  insuranceType: a.insuredType === 'employee' ? '职工基本医疗保险' : '城乡居民基本医疗保险',
  insuredPlace: '本市',
});

const FUND_STATUS = { normal: '正常缴存', sealed: '封存', closed: '销户' } as const;

function housingOf(f: HousingFund): QueryResult<'housingFundAccount'> {
  const a = f.account!;
  const lastPaid = f.deposits.filter((d) => d.paid).at(-1)?.month;
  return {
    accountNumber: a.accountNumber,
    status: FUND_STATUS[a.status],
    balance: yuan(a.balanceFen),
    monthlyDeposit: yuan(a.monthlyFen),
    lastDepositMonth: a.paidUpTo ?? lastPaid ?? a.openedOn.slice(0, 7),
    employer: a.unitName.slice(0, 80),
  };
}

const propertyOf = (p: RealEstateRegistration): QueryResult<'realEstate'>['properties'][number] => ({
  certificateNumber: p.certificateNumber,
  location: p.location.slice(0, 200),
  areaM2: p.areaM2,
  use: p.usage,
  registeredAt: p.registeredOn,
  encumbrances: [
    ...(p.mortgaged ? (['mortgage'] as const) : []),
    ...(p.seized ? (['seizure'] as const) : []),
  ],
});

/**
 * The back office's queue themes (the site's counters) and the catalogue's themes do not share ids:
 * an appointment is shown under the catalogue theme closest to its counter.
 */
const APPOINTMENT_THEMES: Readonly<Record<string, ThemeId>> = {
  social: 'socialInsurance',
  'housing-fund': 'housingFund',
  business: 'registration',
  'real-estate': 'realEstate',
};

const appointmentOf = (a: Appointment): QueryResult<'appointments'>['items'][number] => ({
  appointmentId: a.appointmentId,
  serviceName: { zh: a.serviceName, en: a.serviceName },
  theme: APPOINTMENT_THEMES[a.theme] ?? 'hallServices',
  from: `${a.date}T${a.slotStart}:00+08:00`,
  to: `${a.date}T${a.slotEnd}:00+08:00`,
  status: a.status === 'checkedIn' ? 'checkedIn' : 'booked',
});
