import type { Condition, InstantRule } from '../../domain/catalogue';
import type { Elicence } from './elicence';
import { ageAt, parseIdNumber } from '../../domain/identity';

// The rules themselves are data in domain/catalogue (Condition, InstantRule); this is their evaluation.
export type { Condition, InstantRule } from '../../domain/catalogue';

export interface RuleContext {
  now: number;
  elicences(idNumber: string): Promise<Elicence[]>;
}

export interface RuleOutcome {
  approved: boolean;
  failures: { kind: Condition['kind']; path: string }[];
}

function at(input: unknown, path: string): unknown {
  let cur: unknown = input;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

async function holds(c: Condition, input: unknown, ctx: RuleContext): Promise<boolean> {
  switch (c.kind) {
    case 'validIdNumber': {
      const v = at(input, c.path);
      return typeof v === 'string' && parseIdNumber(v) !== null;
    }
    case 'minAge': {
      const v = at(input, c.path);
      const parsed = typeof v === 'string' ? parseIdNumber(v) : null;
      return parsed?.birth !== undefined && ageAt(parsed.birth, ctx.now) >= c.years;
    }
    case 'equals':
      return at(input, c.path) === c.value;
    case 'oneOf': {
      const v = at(input, c.path);
      return typeof v === 'string' && c.allowed.includes(v);
    }
    case 'subsetOf': {
      const v = at(input, c.path);
      return (
        Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && c.allowed.includes(x))
      );
    }
    case 'nonEmpty': {
      const v = at(input, c.path);
      return (typeof v === 'string' && v.trim() !== '') || (Array.isArray(v) && v.length > 0);
    }
    case 'noElicence': {
      const id = at(input, c.idPath);
      if (typeof id !== 'string') return false;
      const held = await ctx.elicences(id);
      return !held.some((e) => e.licenceType === c.licenceType);
    }
  }
}

/** Evaluates every condition (not short-circuiting) so staff see all reasons a filing fell back. */
export async function evaluateRule(
  rule: InstantRule,
  input: unknown,
  ctx: RuleContext,
): Promise<RuleOutcome> {
  const failures: RuleOutcome['failures'] = [];
  for (const c of rule.conditions) {
    if (!(await holds(c, input, ctx))) failures.push({ kind: c.kind, path: 'path' in c ? c.path : c.idPath });
  }
  return { approved: failures.length === 0, failures };
}
