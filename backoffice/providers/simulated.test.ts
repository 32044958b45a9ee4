import { describe, expect, it } from 'vitest';
import { ageAt, birthDateFrom, isValidIdNumber } from '../../domain/identity';
import { AppointmentRefused, CodeRefused, ProviderUnavailable } from './provider';
import { codeHolder, housingFundReply, realEstateReply, socialInsuranceRecords } from './records';
import { SIMULATED_CODES, SIMULATED_NO_RECORDS, SimulatedCitizenData } from './simulated';

const NOW = Date.parse('2026-11-23T02:00:00Z'); // 10:00 in Beijing
const clock = { now: () => NOW };
const WORKER = { idNumber: '110105200001011238', name: '张晓明' };
const RETIREE = { idNumber: '11010519491231002X', name: '张三' };
const MINOR = { idNumber: '320102201506072815', name: '王小明' };
const FOREIGNER = { idNumber: 'USA110070070401', name: '史密斯' };
const NOBODY = { idNumber: SIMULATED_NO_RECORDS[0]!, name: '赵无' };

describe('simulated citizen data', () => {
  it('gives the same records for the same person every time, valid against the record schemas', async () => {
    const a = new SimulatedCitizenData({ clock });
    const b = new SimulatedCitizenData({ clock });
    const range = { from: '2025-11', to: '2026-10' };
    for (const p of [WORKER, RETIREE, FOREIGNER]) {
      const si = await a.socialInsurance(p, range);
      expect(await b.socialInsurance(p, range)).toEqual(si);
      expect(socialInsuranceRecords.safeParse(si).success).toBe(true);
      expect(housingFundReply.safeParse(await a.housingFund(p, 12)).success).toBe(true);
      expect(realEstateReply.safeParse({ registrations: await a.realEstate(p) }).success).toBe(true);
      expect(await b.medicalAccount(p)).toEqual(await a.medicalAccount(p));
    }
  });

  it('lists five insurances a month, at the rates of the base, up to last month', async () => {
    const si = await new SimulatedCitizenData({ clock }).socialInsurance(WORKER, {
      from: '2025-11',
      to: '2026-11',
    });
    expect(si.status).toBe('active');
    const months = [...new Set(si.months.map((m) => m.month))];
    expect(months.at(-1)).toBe('2026-10'); // November is not paid yet on the 23rd
    expect(months[0]).toBe('2025-11');
    expect(si.months).toHaveLength(months.length * 5);
    const pension = si.months.find((m) => m.insurance === 'pension')!;
    expect(pension.unitFen).toBe(Math.round(pension.baseFen * 0.16));
    expect(pension.personalFen).toBe(Math.round(pension.baseFen * 0.08));
    expect(pension.baseFen % 100).toBe(0);
  });

  it('knows nobody under 18 and the documented person without records', async () => {
    const sim = new SimulatedCitizenData({ clock });
    for (const p of [MINOR, NOBODY]) {
      expect(await sim.socialInsurance(p, { from: '2020-01', to: '2026-10' })).toEqual({
        status: 'none',
        months: [],
      });
      expect(await sim.medicalAccount(p)).toBeNull();
      expect(await sim.housingFund(p, 12)).toEqual({ account: null, deposits: [] });
      expect(await sim.realEstate(p)).toEqual([]);
      expect(await sim.appointments(p, '2026-11-23')).toEqual([]);
    }
  });

  it('ends a retiree’s contributions at sixty and closes the housing fund account', async () => {
    const sim = new SimulatedCitizenData({ clock });
    const si = await sim.socialInsurance(RETIREE, { from: '1990-01', to: '2026-10' });
    expect(si.status).toBe('retired');
    expect(si.months.at(-1)?.month).toBe('2009-12');
    const fund = await sim.housingFund(RETIREE, 12);
    expect(fund.account).toMatchObject({ status: 'closed', balanceFen: 0, paidUpTo: '2009-12' });
  });

  it('states a 缴存证明 whose monthly deposit is the two shares of the base', async () => {
    const fund = await new SimulatedCitizenData({ clock }).housingFund(FOREIGNER, 6);
    const a = fund.account!;
    expect(a.monthlyFen).toBe(2 * Math.round((a.baseFen / 100) * (a.unitRatePct / 100)) * 100);
    expect(fund.deposits.map((d) => d.month)).toEqual([
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    expect(fund.deposits.every((d) => d.unitFen + d.personalFen === a.monthlyFen)).toBe(true);
  });

  it('names the person on the card as right holder of their registrations', async () => {
    const reg = await new SimulatedCitizenData({ clock }).realEstate(WORKER);
    expect(reg.length).toBeGreaterThan(0);
    expect(reg.every((r) => r.holders[0] === WORKER.name)).toBe(true);
  });

  it('checks an appointment in once the system knows it, and refuses unknown or cancelled ones', async () => {
    const sim = new SimulatedCitizenData({ clock });
    const [first] = await sim.appointments(WORKER, '2026-11-23');
    expect(first).toMatchObject({ date: '2026-11-23', status: 'booked' });
    await sim.checkIn(first!.appointmentId, WORKER);
    await sim.checkIn(first!.appointmentId, WORKER); // idempotent for this hall
    expect((await sim.appointments(WORKER, '2026-11-23'))[0]?.status).toBe('checkedIn');
    await expect(sim.checkIn(first!.appointmentId, FOREIGNER)).rejects.toEqual(
      new AppointmentRefused('notFound'),
    );
    const retiree = await sim.appointments(RETIREE, '2026-11-23');
    const cancelled = retiree.find((a) => a.status === 'cancelled');
    expect(cancelled).toBeDefined();
    await expect(sim.checkIn(cancelled!.appointmentId, RETIREE)).rejects.toEqual(
      new AppointmentRefused('cancelled'),
    );
  });

  it('fails every question while switched down, as an unreachable system would', async () => {
    const sim = new SimulatedCitizenData({ clock, down: true });
    expect(sim.describe()).toEqual({ kind: 'simulated', down: true });
    await expect(sim.medicalAccount(WORKER)).rejects.toBeInstanceOf(ProviderUnavailable);
    await expect(sim.appointments(WORKER, '2026-11-23')).rejects.toBeInstanceOf(ProviderUnavailable);
    await expect(sim.resolveCode('YMB1abcdefghijklmnopqrstuv')).rejects.toBeInstanceOf(ProviderUnavailable);
    sim.down = false;
    expect(await sim.medicalAccount(WORKER)).not.toBeNull();
  });

  it('resolves each 一码办 code to one adult, the same every time, and refuses the expired and unknown ones', async () => {
    const a = new SimulatedCitizenData({ clock });
    const b = new SimulatedCitizenData({ clock });
    const codes = Array.from({ length: 40 }, (_, i) => `YMB1demo-code-${String(i).padStart(10, '0')}`);
    const people = await Promise.all(codes.map((c) => a.resolveCode(c)));
    for (const [i, p] of people.entries()) {
      expect(await b.resolveCode(codes[i]!)).toEqual(p);
      expect(codeHolder.safeParse(p).success).toBe(true);
      expect(isValidIdNumber(p.idNumber)).toBe(true);
      expect(ageAt(birthDateFrom(p.idNumber.slice(6, 14))!, NOW)).toBeGreaterThanOrEqual(18);
    }
    expect(new Set(people.map((p) => p.idNumber)).size).toBeGreaterThan(35);
    const refusal = (code: string) => a.resolveCode(code).catch((e: unknown) => e);
    expect(await refusal(SIMULATED_CODES.expired)).toEqual(new CodeRefused('expired'));
    expect(await refusal(SIMULATED_CODES.unknown)).toEqual(new CodeRefused('unknown'));
    expect(await refusal('110105200001011238')).toEqual(new CodeRefused('unknown'));
  });
});
