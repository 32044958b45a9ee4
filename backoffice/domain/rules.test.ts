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
