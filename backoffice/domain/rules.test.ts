import { describe, expect, it } from 'vitest';
import { SERVICE_LIBRARY as SERVICES } from '../../domain/catalogue';
import { SampleElicenceProvider } from './elicence';
import { evaluateRule, type InstantRule } from './rules';

const NOW = Date.parse('2026-11-23T02:00:00Z');
const elicences = new SampleElicenceProvider();
const ctx = { now: NOW, elicences: (id: string) => elicences.lookup(id) };
const rule = SERVICES.find((s) => s.serviceId === 'sole-proprietor-registration')?.instantRule as InstantRule;

const input = (over: { idNumber?: string; ownerType?: string; scope?: string[]; address?: string } = {}) => ({
  applicant: { idNumber: over.idNumber ?? '110105200001011238', name: '张晓明' },
  form: {
    businessName: '晓明打字复印店',
    ownerType: over.ownerType ?? 'naturalPerson',
    businessScope: over.scope ?? ['打字复印'],
    address: over.address ?? '北京市东城区1号',
  },
});

describe('sole-proprietor instant approval rule', () => {
  it('approves an adult natural person with allowed scopes and no existing licence', async () => {
    expect(await evaluateRule(rule, input(), ctx)).toEqual({ approved: true, failures: [] });
  });

  it.each([
    ['family business', { ownerType: 'family' }, 'equals'],
    ['bad check digit', { idNumber: '110105200001011239' }, 'validIdNumber'],
    ['licensed scope', { scope: ['打字复印', '食品经营'] }, 'subsetOf'],
    ['empty address', { address: '   ' }, 'nonEmpty'],
    ['existing licence', { idNumber: '110101198501012311' }, 'noElicence'],
  ])('refuses %s', async (_label, over, kind) => {
    const out = await evaluateRule(rule, input(over), ctx);
    expect(out.approved).toBe(false);
    expect(out.failures.map((f) => f.kind)).toContain(kind);
  });

  it('counts age in completed years in China Standard Time', async () => {
    // Born 2008-11-23: 18 on 2026-11-23 CST, which starts at 2026-11-22T16:00Z.
    const id = '110105200811230010';
    const day = (iso: string) =>
      evaluateRule(rule, input({ idNumber: id }), { ...ctx, now: Date.parse(iso) });
    expect((await day('2026-11-22T15:59:59Z')).failures.map((f) => f.kind)).toEqual(['minAge']);
    expect((await day('2026-11-22T16:00:00Z')).approved).toBe(true);
  });

  it('reports every failed condition, not only the first', async () => {
    const out = await evaluateRule(rule, input({ ownerType: 'family', scope: ['食品经营'] }), ctx);
    expect(out.failures.map((f) => f.kind)).toEqual(['equals', 'subsetOf']);
  });

  it('runs any declarative rule, not only the built-in one', async () => {
    const custom: InstantRule = {
      description: 'test',
      conditions: [{ kind: 'oneOf', path: 'form.kind', allowed: ['a', 'b'] }],
    };
    expect((await evaluateRule(custom, { form: { kind: 'b' } }, ctx)).approved).toBe(true);
    expect((await evaluateRule(custom, { form: { kind: 'c' } }, ctx)).approved).toBe(false);
    expect((await evaluateRule(custom, {}, ctx)).approved).toBe(false);
  });
});

describe('each condition on its own', () => {
  const one = (c: InstantRule['conditions'][number]): InstantRule => ({
    description: 'test',
    conditions: [c],
  });
  const run = async (c: InstantRule['conditions'][number], value: unknown) =>
    evaluateRule(one(c), { a: { b: value } }, ctx);
  const ok = async (c: InstantRule['conditions'][number], value: unknown) => (await run(c, value)).approved;

  it('validIdNumber: a string with a right check digit', async () => {
    const c = { kind: 'validIdNumber', path: 'a.b' } as const;
    expect(await ok(c, '110105200001011238')).toBe(true);
    expect(await ok(c, '110105200001011239')).toBe(false);
    expect(await ok(c, 110105)).toBe(false);
  });
  it('minAge: completed years from the ID number, false without one', async () => {
    // born 2000-01-01: 26 on 2026-11-23
    const c = (years: number) => ({ kind: 'minAge', path: 'a.b', years }) as const;
    expect(await ok(c(26), '110105200001011238')).toBe(true);
    expect(await ok(c(27), '110105200001011238')).toBe(false);
    expect(await ok(c(0), undefined)).toBe(false);
    expect(await ok(c(0), 'not an id')).toBe(false);
  });
  it('equals: the same value and type', async () => {
    const c = { kind: 'equals', path: 'a.b', value: 3 } as const;
    expect(await ok(c, 3)).toBe(true);
    expect(await ok(c, '3')).toBe(false);
  });
  it('oneOf: a string among the allowed', async () => {
    const c = { kind: 'oneOf', path: 'a.b', allowed: ['x', 'y'] } as const;
    expect(await ok(c, 'y')).toBe(true);
    expect(await ok(c, ['y'])).toBe(false);
  });
  it('subsetOf: a non-empty array of allowed strings', async () => {
    const c = { kind: 'subsetOf', path: 'a.b', allowed: ['x', 'y'] } as const;
    expect(await ok(c, ['x', 'y'])).toBe(true);
    expect(await ok(c, [])).toBe(false);
    expect(await ok(c, ['x', 'z'])).toBe(false);
    expect(await ok(c, 'x')).toBe(false);
  });
  it('nonEmpty: text that is not blank, or a non-empty array', async () => {
    const c = { kind: 'nonEmpty', path: 'a.b' } as const;
    expect(await ok(c, ' x ')).toBe(true);
    expect(await ok(c, ['x'])).toBe(true);
    expect(await ok(c, ' \t')).toBe(false);
    expect(await ok(c, [])).toBe(false);
    expect(await ok(c, 5)).toBe(false);
  });
  it('noElicence: no licence of that type for the ID number at the path', async () => {
    const c = (licenceType: string) => ({ kind: 'noElicence', idPath: 'a.b', licenceType }) as const;
    // the sample registry gives 440305199203154423 a driving licence only
    expect(await ok(c('机动车驾驶证'), '440305199203154423')).toBe(false);
    expect(await ok(c('居民身份证'), '440305199203154423')).toBe(true);
    expect(await run(c('居民身份证'), 440305)).toEqual({
      approved: false,
      failures: [{ kind: 'noElicence', path: 'a.b' }],
    });
  });
  it('reads a path through objects only', async () => {
    const c = { kind: 'nonEmpty', path: 'a.b.c' } as const;
    expect((await evaluateRule(one(c), { a: { b: { c: 'x' } } }, ctx)).approved).toBe(true);
    expect(await evaluateRule(one(c), { a: null }, ctx)).toEqual({
      approved: false,
      failures: [{ kind: 'nonEmpty', path: 'a.b.c' }],
    });
    expect((await evaluateRule(one(c), { a: 'abc' }, ctx)).approved).toBe(false);
  });
});
