import { createHash } from 'node:crypto';
import type { Clock } from '../context';
import { addMonths, cstIsoDate, cstMonth, monthsBetween } from '../domain/cst';
import { DEFAULT_QUEUE_THEMES } from '../domain/queue';
import { idCheckCharacter, isYimabanCode } from '../../domain/identity';
import {
  AppointmentRefused,
  CodeRefused,
  ProviderUnavailable,
  type CitizenDataProvider,
  type Person,
  type ProviderDescription,
} from './provider';
import {
  INSURANCE_KINDS,
  type Appointment,
  type HousingFund,
  type MedicalAccount,
  type RealEstateRegistration,
  type SocialInsuranceMonth,
  type SocialInsuranceRecords,
} from './records';

/**
 * People the simulator knows to have no records at all: never insured, no housing fund, no
 * property, no appointment (valid check digits, no real person).
 */
export const SIMULATED_NO_RECORDS: readonly string[] = ['110101199003070011'];

/**
 * 一码办 codes with a fixed answer, for demonstrations and tests. Any other well-formed code
 * (`YMB1…`) stands for one person derived from it: same code, same person, any day.
 */
export const SIMULATED_CODES = {
  expired: 'YMB1simulated-expired-000',
  unknown: 'YMB1simulated-unknown-000',
} as const;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['晓明', '建华', '丽娟', '志强', '海燕', '文博', '秀英', '子涵', '国庆', '雨桐'];

/** Rates (percent, unit / personal) of the five insurances, in the range Chinese cities use. */
const RATES: Record<(typeof INSURANCE_KINDS)[number], [number, number]> = {
  pension: [16, 8],
  medical: [9.8, 2],
  unemployment: [0.5, 0.5],
  injury: [0.4, 0],
  maternity: [0.8, 0],
};

const EMPLOYERS = [
  '北京博创信息技术有限公司',
  '北京华联商厦股份有限公司',
  '北京市东城区城市管理委员会',
  '北京顺达物流有限公司',
  '中国银行股份有限公司北京市分行',
  '北京市第一六六中学',
  '北京康泰医疗器械有限公司',
  '北京新源建筑工程有限公司',
];
const STREETS = [
  '东城区东四北大街',
  '东城区和平里西街',
  '西城区西直门南大街',
  '朝阳区望京西路',
  '海淀区中关村南大街',
  '丰台区丽泽路',
];
const CO_HOLDERS = ['王丽华', '刘建军', '陈静', '赵志强', '孙晓梅', '周伟'];
const APPOINTMENT_SERVICES: Record<string, string[]> = {
  social: ['社会保障卡补换', '养老保险关系转移', '医保异地就医备案'],
  'housing-fund': ['住房公积金提取', '住房公积金贷款咨询'],
  business: ['个体工商户设立登记', '营业执照变更登记'],
  'real-estate': ['不动产转移登记', '不动产抵押登记'],
  general: ['居住证申领', '无犯罪记录证明'],
};

/** A deterministic stream of numbers in [0, 1) for one person and topic: same ID, same records. */
function stream(idNumber: string, topic: string): () => number {
  let block = createHash('sha256').update(`${idNumber}\u0000${topic}`).digest();
  let at = 0;
  return () => {
    if (at + 4 > block.length) {
      block = createHash('sha256').update(block).digest();
      at = 0;
    }
    const v = block.readUInt32BE(at) / 2 ** 32;
    at += 4;
    return v;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
const yuan = (v: number): number => Math.round(v) * 100;
const share = (baseFen: number, pct: number): number => Math.round((baseFen * pct) / 100);

/** Birth month (YYYY-MM) of a resident ID, HK/Macau/Taiwan permit or 2023 foreign card; null otherwise. */
function birthMonth(idNumber: string): string | null {
  const m = /^\d{6}(\d{4})(\d{2})\d{2}\d{3}[\dX]$/.exec(idNumber);
  return m ? `${m[1]}-${m[2]}` : null;
}

interface Career {
  status: SocialInsuranceRecords['status'];
  firstMonth: string;
  lastMonth: string;
  /** Month from which each employer applies, oldest first. */
  employers: { from: string; name: string }[];
  startBaseYuan: number;
}

/**
 * The embedded default provider: deterministic records per ID number, so a demo, a test and a
 * technician see the same person the same way every time. `down = true` makes every call fail as
 * an unreachable system would (kiosks see 503 `providerUnavailable`). Check-ins are remembered in
 * this process only.
 */
export class SimulatedCitizenData implements CitizenDataProvider {
  down: boolean;
  readonly #clock: Clock;
  readonly #checkedIn = new Set<string>();
  readonly #themes: readonly string[];

  constructor(opts: { clock?: Clock; down?: boolean; themes?: readonly string[] } = {}) {
    this.#clock = opts.clock ?? { now: () => Date.now() };
    this.down = opts.down ?? false;
    this.#themes = opts.themes ?? DEFAULT_QUEUE_THEMES.map((t) => t.themeId);
  }

  describe(): ProviderDescription {
    return { kind: 'simulated', down: this.down };
  }

  /** Asynchronous like a real system: a provider switched down rejects, it never throws in the caller's frame. */
  async #available(): Promise<void> {
    await Promise.resolve();
    if (this.down) throw new ProviderUnavailable('simulated provider switched down');
  }

  #career(idNumber: string): Career | null {
    if (SIMULATED_NO_RECORDS.includes(idNumber)) return null;
    const now = cstMonth(this.#clock.now());
    const born = birthMonth(idNumber) ?? addMonths(now, -40 * 12);
    const adult = addMonths(born, 18 * 12);
    if (adult > now) return null;
    const r = stream(idNumber, 'career');
    const retireAt = addMonths(born, 60 * 12);
    const suspended = retireAt > now && r() < 0.1;
    const lastMonth = retireAt <= now ? retireAt : suspended ? addMonths(now, -7) : addMonths(now, -1);
    // Insured for 2 to 17 years before the last month, never before 18.
    const start = addMonths(lastMonth, -(24 + Math.floor(r() * 15 * 12)));
    const firstMonth = start > adult ? start : adult;
    const employers = [{ from: firstMonth, name: pick(r, EMPLOYERS) }];
    for (const months = monthsBetween(firstMonth, lastMonth); employers.length < 3 && r() < 0.6;) {
      const from = months[Math.floor(months.length * (0.3 + 0.3 * employers.length))];
      if (from && from > (employers.at(-1)?.from ?? '')) employers.push({ from, name: pick(r, EMPLOYERS) });
      else break;
    }
    return {
      status: retireAt <= now ? 'retired' : suspended ? 'suspended' : 'active',
      firstMonth,
      lastMonth,
      employers,
      startBaseYuan: 4000 + Math.floor(r() * 60) * 100,
    };
  }

  /** 缴费基数 of a month: grows about 5 % a year from the first month, in whole yuan. */
  #baseFen(c: Career, month: string): number {
    const years = monthsBetween(c.firstMonth, month).length / 12;
    return yuan(c.startBaseYuan * 1.05 ** Math.floor(years));
  }

  async socialInsurance(
    { idNumber }: Person,
    range: { from: string; to: string },
  ): Promise<SocialInsuranceRecords> {
    await this.#available();
    const c = this.#career(idNumber);
    if (!c) return { status: 'none', months: [] };
    const from = range.from > c.firstMonth ? range.from : c.firstMonth;
    const to = range.to < c.lastMonth ? range.to : c.lastMonth;
    const months: SocialInsuranceMonth[] = [];
    for (const month of monthsBetween(from, to)) {
      const unitName = c.employers.filter((e) => e.from <= month).at(-1)?.name ?? '';
      const baseFen = this.#baseFen(c, month);
      const arrears = stream(idNumber, `paid:${month}`)() < 0.02;
      for (const insurance of INSURANCE_KINDS) {
        const [unitPct, personalPct] = RATES[insurance];
        months.push({
          month,
          insurance,
          unitName,
          baseFen,
          unitFen: share(baseFen, unitPct),
          personalFen: share(baseFen, personalPct),
          paid: !arrears,
        });
      }
    }
    return { status: c.status, firstMonth: c.firstMonth, months };
  }

  async medicalAccount({ idNumber }: Person): Promise<MedicalAccount | null> {
    await this.#available();
    const c = this.#career(idNumber);
    if (!c) return null;
    const r = stream(idNumber, 'medical');
    return {
      insuredType: 'employee',
      status: c.status === 'suspended' ? 'suspended' : 'normal',
      balanceFen: Math.floor(r() * 2_000_000),
      lastCreditFen: share(this.#baseFen(c, c.lastMonth), 2.8),
      lastCreditMonth: c.lastMonth,
      asOf: cstIsoDate(this.#clock.now()),
    };
  }

  async housingFund({ idNumber }: Person, months: number): Promise<HousingFund> {
    await this.#available();
    const c = this.#career(idNumber);
    const r = stream(idNumber, 'housing');
    if (!c || r() < 0.15) return { account: null, deposits: [] };
    const baseFen = this.#baseFen(c, c.lastMonth);
    const rate = 5 + Math.floor(r() * 8);
    const sideFen = yuan((baseFen / 100) * (rate / 100));
    const paid = monthsBetween(c.firstMonth, c.lastMonth);
    const status = c.status === 'retired' ? 'closed' : c.status === 'suspended' ? 'sealed' : 'normal';
    const from = addMonths(c.lastMonth, -(Math.max(1, months) - 1));
    return {
      account: {
        accountNumber: `1101${String(Math.floor(r() * 1e12)).padStart(12, '0')}`,
        unitName: c.employers.at(-1)?.name ?? '',
        status,
        openedOn: `${c.firstMonth}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
        balanceFen: status === 'closed' ? 0 : Math.round(2 * sideFen * Math.min(paid.length, 60) * 0.6),
        baseFen,
        unitRatePct: rate,
        personalRatePct: rate,
        monthlyFen: 2 * sideFen,
        paidUpTo: c.lastMonth,
        asOf: cstIsoDate(this.#clock.now()),
      },
      deposits: monthsBetween(from > c.firstMonth ? from : c.firstMonth, c.lastMonth).map((month) => ({
        month,
        unitFen: sideFen,
        personalFen: sideFen,
        paid: true,
      })),
    };
  }

  async realEstate({ idNumber, name }: Person): Promise<RealEstateRegistration[]> {
    await this.#available();
    if (!this.#career(idNumber)) return [];
    const r = stream(idNumber, 'estate');
    const count = r() < 0.4 ? 0 : r() < 0.75 ? 1 : 2;
    const out: RealEstateRegistration[] = [];
    for (let i = 0; i < count; i++) {
      const year = 2005 + Math.floor(r() * 20);
      const joint = r() < 0.5;
      out.push({
        unitNumber: `110101${String(Math.floor(r() * 1e6)).padStart(6, '0')}GB${String(Math.floor(r() * 1e5)).padStart(5, '0')}F${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
        certificateNumber: `京(${year})东城区不动产权第${String(Math.floor(r() * 1e7)).padStart(7, '0')}号`,
        location: `北京市${pick(r, STREETS)}${1 + Math.floor(r() * 200)}号院${1 + Math.floor(r() * 12)}号楼${1 + Math.floor(r() * 6)}单元${1 + Math.floor(r() * 20)}0${1 + Math.floor(r() * 4)}`,
        usage: '住宅',
        areaM2: Math.round((45 + r() * 100) * 100) / 100,
        rightType: '国有建设用地使用权/房屋所有权',
        holders: joint ? [name, pick(r, CO_HOLDERS)] : [name],
        shareType: joint ? 'joint' : 'sole',
        registeredOn: `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
        mortgaged: r() < 0.35,
        seized: false,
      });
    }
    return out;
  }

  /** Everyone with records has one appointment on any day (a second on some), so a demo always finds one. */
  #appointmentsOn(idNumber: string, date: string): Appointment[] {
    if (!this.#career(idNumber)) return [];
    const r = stream(idNumber, `appointments:${date}`);
    const count = r() < 0.3 ? 2 : 1;
    const out: Appointment[] = [];
    for (let i = 0; i < count; i++) {
      const theme = pick(r, this.#themes);
      const hour = 9 + Math.floor(r() * 8);
      const half = r() < 0.5 ? '00' : '30';
      const id = `YY${date.replace(/-/g, '')}${createHash('sha256').update(`${idNumber}|${date}|${i}`).digest('hex').slice(0, 8).toUpperCase()}`;
      out.push({
        appointmentId: id,
        serviceName: pick(r, APPOINTMENT_SERVICES[theme] ?? ['综合咨询']),
        theme,
        date,
        slotStart: `${String(hour).padStart(2, '0')}:${half}`,
        slotEnd: `${String(half === '30' ? hour + 1 : hour).padStart(2, '0')}:${half === '30' ? '00' : '30'}`,
        status: i === 1 && r() < 0.3 ? 'cancelled' : this.#checkedIn.has(id) ? 'checkedIn' : 'booked',
      });
    }
    return out.sort((a, b) => a.slotStart.localeCompare(b.slotStart));
  }

  async appointments({ idNumber }: Person, date: string): Promise<Appointment[]> {
    await this.#available();
    return this.#appointmentsOn(idNumber, date);
  }

  async checkIn(appointmentId: string, { idNumber }: Person): Promise<void> {
    await this.#available();
    const m = /^YY(\d{4})(\d{2})(\d{2})/.exec(appointmentId);
    const found = m
      ? this.#appointmentsOn(idNumber, `${m[1]}-${m[2]}-${m[3]}`).find(
          (a) => a.appointmentId === appointmentId,
        )
      : undefined;
    if (!found) throw new AppointmentRefused('notFound');
    if (found.status === 'cancelled') throw new AppointmentRefused('cancelled');
    this.#checkedIn.add(appointmentId);
    return;
  }

  async resolveCode(code: string): Promise<Person> {
    await this.#available();
    if (code === SIMULATED_CODES.expired) throw new CodeRefused('expired');
    if (code === SIMULATED_CODES.unknown || !isYimabanCode(code)) throw new CodeRefused('unknown');
    // An adult born 1960–1999 in 东城区, from the code alone.
    const r = stream(code, 'holder');
    const birth = `${1960 + Math.floor(r() * 40)}${String(1 + Math.floor(r() * 12)).padStart(2, '0')}${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const first17 = `110101${birth}${String(100 + Math.floor(r() * 800)).padStart(3, '0')}`;
    return {
      idNumber: `${first17}${idCheckCharacter(first17)!}`,
      name: `${pick(r, SURNAMES)}${pick(r, GIVEN)}`,
    };
  }
}
