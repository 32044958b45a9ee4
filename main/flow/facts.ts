/** What guards read, and which steps a journey can still show. */
import { evaluateGuard, type Guard, type Truth } from '../../domain/catalogue/guards';
import type { ServiceDefinition, StepOf } from '../../domain/catalogue';
import { PROFILE_METHODS, type ReadMethod } from '../../domain/catalogue/vocabulary';
import type { SessionState } from './model';

/** The facts of the running journey, in the shape guards' paths name (domain/catalogue/guards.ts). */
export function factsOf(s: SessionState): Record<string, unknown> {
  const data = s.flow?.data;
  return {
    choice: data?.choices ?? {},
    identity: s.identity ? { method: s.identity.method } : undefined,
    result: data?.result,
    lookup: data?.lookup,
    submission: data?.submission
      ? { delivered: data.submission.delivered, tracked: data.submission.trackingNumber !== undefined }
      : undefined,
    code: data?.code ? { kind: data.code.kind } : undefined,
    elicences: data?.elicences ? { selected: data.elicences.selected.length } : undefined,
  };
}

export const truth = (guard: Guard | undefined, s: SessionState): Truth =>
  guard ? evaluateGuard(guard, factsOf(s)) : true;

/** The identification an identify step offers here: the step's, the service's and the profile's. */
export function offeredMethods(
  def: ServiceDefinition,
  step: StepOf<'identify'>,
  s: SessionState,
): ReadMethod[] {
  const service = def.identification.filter((m): m is ReadMethod => m !== 'none');
  const wanted = step.accept ?? service;
  return wanted.filter((m) => service.includes(m) && PROFILE_METHODS[s.profile].includes(m));
}

/** An identify step the session's identity already satisfies is passed over. */
export const identified = (def: ServiceDefinition, step: StepOf<'identify'>, s: SessionState): boolean =>
  s.identity !== undefined && offeredMethods(def, step, s).includes(s.identity.method);

/**
 * Indexes of the steps the journey shows on its path: guards that hold or are not decided yet
 * (so the count only shrinks as facts come in), minus identify steps the session's identity
 * satisfied before the citizen saw them.
 */
export function shownSteps(def: ServiceDefinition, s: SessionState): number[] {
  return def.steps.flatMap((step, i) => {
    if (truth(step.when, s) === false) return [];
    const visited = s.flow?.index === i || s.flow?.history.includes(i);
    if (step.kind === 'identify' && identified(def, step, s) && !visited) return [];
    if (step.kind === 'lookup' && !step.show) return [];
    return [i];
  });
}
