import { describe, expect, it } from 'vitest';
import {
  DEVICE_ROLES,
  SERVICE_LIBRARY,
  ServiceDefinition,
  availability,
  catalogueForKiosks,
  evaluateGuard,
  findFilingService,
  formSchema,
  parseCatalogue,
  profileOfSite,
  shippedCatalogue,
  type DeviceRole,
  type ServiceDefinitionInput,
} from './index';

const byId = (id: string) => SERVICE_LIBRARY.find((s) => s.serviceId === id)!;
const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

describe('the shipped services', () => {
  it('the device roles are exactly the host facade’s names', () => {
    expect([...DEVICE_ROLES]).toEqual([
      'idCard',
      'socialSecurityCard',
      'bankCard',
      'receiptPrinter',
      'a4Printer',
      'scanner',
      'lockers',
      'camera',
    ]);
  });

  it.each(SERVICE_LIBRARY.map((s) => [s.serviceId, s] as const))(
    '%s validates, and its sample form passes its own schema',
    (_id, s) => {
      expect(ServiceDefinition.safeParse(clone(s)).success).toBe(true);
      expect(s.name.zh && s.name.en && s.guide.legalBasis.length).toBeTruthy();
      if (s.form) expect(formSchema(s.form).safeParse(s.sampleForm).error).toBeUndefined();
    },
  );

  it('the hall offers the services of issue #9 and the STM the 社保 / 医保 / 公积金 subset', () => {
    const names = (p: 'hall' | 'stm') => shippedCatalogue(p).services.map((s) => s.name.zh);
    expect(names('hall')).toEqual([
      '参保证明打印',
      '公积金缴存证明打印',
      '个体工商户设立登记',
      '居住证申领',
      '不动产登记信息查询',
      '办件进度查询',
      '材料投递',
      '结果领取',
      '好差评',
      '取号',
      '预约签到',
      '样表',
      '复印',
    ]);
    expect(names('stm')).toEqual(['参保缴费记录', '医保账户余额', '公积金余额', '公积金缴存证明打印']);
    for (const s of shippedCatalogue('stm').services)
      expect(s.identification).toEqual(expect.arrayContaining(['socialSecurityCard', 'bankCard']));
  });

  it('groups the hall under the themes of the seeds', () => {
    expect(shippedCatalogue('hall').themes).toEqual([
      'socialInsurance',
      'housingFund',
      'registration',
      'publicSecurity',
      'realEstate',
      'hallServices',
    ]);
  });
});

describe('forms: one schema for the kiosk and the back office', () => {
  const sole = formSchema(byId('sole-proprietor-registration').form!);

  it('accepts the forms the back office’s tests and kiosks send', () => {
    const form = {
      businessName: '东城区晓明打字复印店',
      ownerType: 'naturalPerson',
      businessScope: ['打字复印', '文具用品零售'],
      address: '北京市东城区东四北大街100号',
    };
    expect(sole.parse(form)).toEqual(form);
    // A scope outside the list is allowed (it only rules out 秒批).
    expect(sole.safeParse({ ...form, businessScope: ['食品经营'] }).success).toBe(true);
  });

  it('names each field at fault, and refuses a key it has no field for', () => {
    const paths = (v: unknown) => sole.safeParse(v).error?.issues.map((i) => i.path.join('.'));
    expect(
      paths({ businessName: 'x', ownerType: 'company', businessScope: [], address: '北京', capitalYuan: -1 }),
    ).toEqual(['businessName', 'ownerType', 'businessScope', 'address', 'capitalYuan']);
    expect(
      paths({
        businessName: '晓明店',
        ownerType: 'family',
        businessScope: ['打字复印', '打字复印'],
        address: '北京市东城区1号',
        phone: '12345',
        extra: 1,
      }),
    ).toEqual(['businessScope', 'phone', '']);
  });

  it('checks ID numbers by kind, dates by calendar, and keeps open forms open', () => {
    const permit = formSchema(byId('residence-permit').form!);
    const sample = byId('residence-permit').sampleForm!;
    expect(permit.safeParse({ ...sample, idNumber: '810000198001010014' }).success).toBe(false);
    expect(permit.safeParse({ ...sample, idNumber: '11010519491231002x' }).data).toMatchObject({
      idNumber: '11010519491231002X',
    });
    expect(permit.safeParse({ ...sample, residenceSince: '2025-02-30' }).success).toBe(false);
    const generic = formSchema(byId('generic-application').form!);
    expect(generic.parse({ subject: '综合申请测试', testTag: 's-1', copies: 2 })).toEqual({
      subject: '综合申请测试',
      testTag: 's-1',
      copies: 2,
    });
    expect(generic.safeParse({ purpose: '就业' }).success).toBe(false);
  });

  it('the back office files exactly the services with a submit step, with their 秒批 rule', () => {
    expect(findFilingService('sole-proprietor-registration')?.instantRule?.conditions.length).toBe(6);
    expect(findFilingService('residence-permit')?.nameZh).toBe('居住证申领');
    expect(findFilingService('generic-application')).toBeDefined();
    expect(findFilingService('social-insurance-certificate')).toBeUndefined();
  });
});

describe('definitions that cannot run do not load', () => {
  const base = (): ServiceDefinitionInput => clone(byId('residence-permit'));
  const problems = (d: ServiceDefinitionInput) =>
    ServiceDefinition.safeParse(d).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('a step needing a device the service does not declare', () => {
    const d = base();
    d.devices = ['camera', 'receiptPrinter'];
    expect(problems(d)).toEqual([expect.stringMatching(/^steps\.8: lockerDeposit needs the lockers role/)]);
  });

  it('a guard reading a choice no earlier step makes', () => {
    const d = base();
    d.steps = d.steps.filter((s) => s.id !== 'paperBy');
    expect(problems(d)).toEqual([
      expect.stringMatching(/^steps\.4\.when: guard reads choice\.paperBy/),
      expect.stringMatching(/^steps\.7\.when: guard reads choice\.paperBy/),
    ]);
  });

  it('a sample form its own schema refuses, a duplicate step, no final done step', () => {
    const d = base();
    d.sampleForm = { ...d.sampleForm, phone: 'none' };
    d.steps = [...d.steps.slice(0, -1), { id: 'guide', kind: 'guide' }];
    expect(problems(d)).toEqual([
      'steps.11.id: duplicate step id guide',
      'steps: the last step must be done',
      expect.stringMatching(/^sampleForm\.phone: /),
    ]);
  });

  it('a bank card prefilling a form, a rating without a filing', () => {
    const d = base();
    d.identification = ['idCard', 'bankCard'];
    d.steps = d.steps.filter((s) => s.kind !== 'submit' && s.kind !== 'lockerDeposit');
    expect(problems(d)).toEqual(
      expect.arrayContaining([
        'identification: a bank card does not name its holder: it cannot prefill a form',
        expect.stringMatching(/rate needs a filing/),
      ]),
    );
  });
});

describe('a pushed catalogue', () => {
  it('the back office’s default push is the shipped hall catalogue, and it round-trips through JSON', () => {
    const pushed = JSON.parse(JSON.stringify(catalogueForKiosks())) as unknown;
    const { catalogue, fallback, skipped } = parseCatalogue(pushed, 'hall');
    expect(fallback).toBeUndefined();
    expect(skipped).toEqual([]);
    expect(catalogue.source).toBe('pushed');
    expect(catalogue.services.map((s) => s.serviceId)).toEqual(
      shippedCatalogue('hall').services.map((s) => s.serviceId),
    );
  });

  it('a site’s order, enabled set and themes are the pushed ones', () => {
    const pushed = clone(catalogueForKiosks()).reverse().slice(0, 3);
    pushed[0]!.theme = 'socialAffairs';
    const { catalogue } = parseCatalogue(pushed, 'hall');
    expect(catalogue.services.map((s) => s.serviceId)).toEqual([
      'copy',
      'sample-forms',
      'appointment-check-in',
    ]);
    expect(catalogue.themes).toEqual(['socialAffairs', 'hallServices']);
  });

  it('one city catalogue serves both profiles: an STM skips what it does not offer', () => {
    const city = SERVICE_LIBRARY.map(clone);
    const { catalogue, skipped } = parseCatalogue(city, 'stm');
    expect(catalogue.services.map((s) => s.serviceId)).toEqual([
      'housing-fund-certificate',
      'social-insurance-payments',
      'medical-insurance-balance',
      'housing-fund-balance',
    ]);
    expect(skipped).toContain('sole-proprietor-registration');
  });

  it.each([
    ['nothing was pushed', undefined, 'notPushed'],
    ['a fresh back office pushed an empty list', [], 'notPushed'],
    [
      'the old entry format',
      [
        {
          serviceId: 'sole-proprietor-registration',
          nameZh: '个体工商户设立登记',
          nameEn: 'x',
          instantApproval: true,
        },
      ],
      'invalid',
    ],
    ['a service twice', [byId('copy'), byId('copy')], 'invalid'],
    ['not an array', { services: [] }, 'invalid'],
    ['only hall services, to an STM', [byId('copy')], 'emptyForProfile'],
  ])('falls back to the shipped catalogue when %s', (_what, raw, reason) => {
    const profile = reason === 'emptyForProfile' ? 'stm' : 'hall';
    const parsed = parseCatalogue(clone(raw), profile);
    expect(parsed.catalogue).toEqual(shippedCatalogue(profile));
    expect(parsed.fallback?.reason).toBe(reason);
    if (reason === 'invalid') expect(parsed.fallback?.issues.length).toBeGreaterThan(0);
  });

  it('names what is wrong in a rejected push', () => {
    const bad = clone(byId('copy')) as unknown as Record<string, unknown>;
    bad.devices = ['camera', 'printer'];
    expect(parseCatalogue([bad], 'hall').fallback?.issues).toEqual([
      expect.stringMatching(/^0\.devices\.1: /),
    ]);
  });

  it('reads the profile from the site configuration', () => {
    expect(profileOfSite({ profile: 'stm' })).toBe('stm');
    expect(profileOfSite({ profile: 'toaster' })).toBe('hall');
    expect(profileOfSite(undefined)).toBe('hall');
  });
});

describe('availability and guards', () => {
  const usable = (...roles: DeviceRole[]) => new Set<DeviceRole>(roles);

  it('a service needs its devices and a reader for one of its identification methods', () => {
    const cert = byId('social-insurance-certificate');
    expect(availability(cert, usable('a4Printer', 'socialSecurityCard'))).toEqual({ available: true });
    expect(availability(cert, usable('idCard'))).toEqual({ available: false, missing: ['a4Printer'] });
    expect(availability(cert, usable('a4Printer'))).toEqual({
      available: false,
      missing: ['idCard', 'socialSecurityCard', 'scanner'],
    });
    expect(availability(byId('queue-ticket'), usable('receiptPrinter'))).toEqual({ available: true });
  });

  it('guards are three-valued: a fact not known yet is unknown, not false', () => {
    const approved = { path: 'result.approved', eq: true } as const;
    expect(evaluateGuard(approved, {})).toBeNull();
    expect(evaluateGuard(approved, { result: { approved: true } })).toBe(true);
    expect(evaluateGuard({ not: approved }, { result: { approved: null } })).toBe(true);
    expect(evaluateGuard({ all: [approved, { path: 'choice.x', eq: 'a' }] }, { choice: { x: 'b' } })).toBe(
      false,
    );
    expect(
      evaluateGuard({ any: [approved, { path: 'choice.x', in: ['a', 'b'] }] }, { choice: { x: 'b' } }),
    ).toBe(true);
    expect(evaluateGuard({ path: 'code', exists: false }, {})).toBe(true);
  });
});
