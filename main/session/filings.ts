/**
 * The back office's side of a journey beyond look-ups: filing through the outbox (durable before
 * anything else, then one delivery attempt at once so the receipt can carry the tracking number),
 * the 秒批 decision, the queue ticket, the appointment check-in and the 好差评.
 */
import type { Logger } from '../../devices/core';
import {
  BackofficeError,
  FilingRefused,
  type BackofficeClient,
  type Outbox,
  type OutboxStatus,
} from '../backend';
import type { Effect, Identity } from '../flow';
import type { CodeKind } from '../../domain/catalogue/vocabulary';
import { EffectFailure } from './failures';
import { personOf } from './lookups';
import type { SessionVault } from './vault';

type Of<T extends Effect['type']> = Extract<Effect, { type: T }>;

export interface FilingDeps {
  client: BackofficeClient | undefined;
  outbox: Outbox | undefined;
  vault: SessionVault;
  log: Logger;
}

const need = <T>(v: T | undefined): T => {
  if (v === undefined) throw new EffectFailure('notConfigured', 'no back office is configured');
  return v;
};

/** Passes of the outbox that may run before ours includes a filing enqueued while one was in flight. */
const DELIVERY_PASSES = 3;

/** One delivery attempt of `localId` now (the drain loop keeps trying after that). */
export async function deliverNow(
  outbox: Outbox,
  localId: string,
  signal: AbortSignal,
): Promise<OutboxStatus> {
  let status = outbox.status(localId)!;
  const attempts = status.attempts;
  for (let pass = 0; pass < DELIVERY_PASSES && status.state === 'pending'; pass++) {
    outbox.retryNow();
    await outbox.drainOnce(signal);
    status = outbox.status(localId)!;
    if (status.attempts > attempts) break;
  }
  return status;
}

export async function submit(
  e: Of<'backoffice.submit'>,
  deps: FilingDeps,
  signal: AbortSignal,
): Promise<{ localId: string; delivered: boolean; trackingNumber?: string; qrPayload?: string }> {
  const outbox = need(deps.outbox);
  const materials = e.materials.flatMap((m) =>
    m.refs.map((ref, i) => {
      const capture = deps.vault.captures.get(ref);
      if (!capture) throw new EffectFailure('internal', 'a material that was never captured');
      return {
        name: m.refs.length > 1 ? `${m.name}（${i + 1}）` : m.name,
        kind: m.kind,
        contentType: 'application/pdf' as const,
        bytes: capture.pdf,
      };
    }),
  );
  try {
    await outbox.enqueueFiling({
      localId: e.localId,
      serviceId: e.serviceId,
      applicant: e.applicant,
      form: e.form,
      delivery: e.delivery,
      materials,
    });
  } catch (err) {
    if (err instanceof FilingRefused)
      throw new EffectFailure(err.code === 'tooLarge' ? 'tooLarge' : 'refused', err.code);
    throw err;
  }
  // Durable from here on: whatever happens next, the filing is not lost.
  if (e.elicences.length)
    deps.log.info('filing.elicences', { localId: e.localId, attached: e.elicences.length });
  const status = await deliverNow(outbox, e.localId, signal).catch(() => outbox.status(e.localId)!);
  if (status.state === 'rejected')
    throw new EffectFailure('refused', `the back office refused the filing: ${status.rejection?.code ?? ''}`);
  return {
    localId: e.localId,
    delivered: status.state === 'delivered',
    ...(status.trackingNumber ? { trackingNumber: status.trackingNumber } : {}),
    ...(status.qrPayload ? { qrPayload: status.qrPayload } : {}),
  };
}

/** 秒批: decided when the back office received the filing; no answer means it is decided later. */
export async function awaitResult(
  e: Of<'backoffice.awaitResult'>,
  deps: FilingDeps,
  signal: AbortSignal,
): Promise<{ decision: 'approved' | 'review' }> {
  const outbox = need(deps.outbox);
  const status = outbox.status(e.localId)?.filingId
    ? outbox.status(e.localId)!
    : await deliverNow(outbox, e.localId, signal);
  if (!status.filingId) throw new EffectFailure('network', 'the filing has not reached the back office');
  const filing = await need(deps.client).filing(status.filingId, signal);
  const approved = ['approved', 'resultReady', 'collected'].includes(filing.status);
  return { decision: approved ? 'approved' : 'review' };
}

export async function queueTicket(
  e: Of<'backoffice.queueTicket'>,
  deps: FilingDeps,
  signal: AbortSignal,
): Promise<{ number: string; waiting: number; counter?: string }> {
  const client = need(deps.client);
  const theme = QUEUE_THEMES[e.theme] ?? e.theme;
  const person = e.identity && e.identity.method !== 'bankCard' ? e.identity.idNumber : undefined;
  const { ticket, reissued } = await client.takeTicket(theme, person, signal);
  deps.vault.tickets.set(e.key, { ticket });
  deps.log.info('queue.ticket', { theme, number: ticket.label, reissued });
  return {
    number: ticket.label,
    waiting: ticket.ahead,
    ...(ticket.counter ? { counter: ticket.counter } : {}),
  };
}

/**
 * The catalogue's 取号 categories and the back office's default queue themes (the site's counters)
 * have different ids: each category is taken in the queue of the counters that serve it.
 */
const QUEUE_THEMES: Readonly<Record<string, string>> = {
  socialAffairs: 'social',
  registration: 'business',
  licensing: 'business',
  construction: 'general',
  publicSecurity: 'general',
  realEstate: 'real-estate',
  housingFund: 'housing-fund',
};

export async function checkIn(
  e: Of<'backoffice.checkIn'>,
  deps: FilingDeps,
  signal: AbortSignal,
): Promise<{ number: string; waiting: number; counter?: string }> {
  const { appointment, ticket } = await need(deps.client).checkIn(
    e.appointmentId,
    personOf(e.identity),
    signal,
  );
  deps.vault.tickets.set(e.key, { ticket, appointment });
  return {
    number: ticket.label,
    waiting: ticket.ahead,
    ...(ticket.counter ? { counter: ticket.counter } : {}),
  };
}

/** What the session knows that proves the citizen may rate a filing. */
export interface RatingProof {
  identity: Identity | undefined;
  code: { kind: CodeKind; value: string } | undefined;
  /** The outbox entry of a filing made in this journey. */
  localId: string | undefined;
}

export async function rate(
  e: Of<'backoffice.rate'>,
  proof: RatingProof,
  deps: FilingDeps,
  signal: AbortSignal,
  /** Asked before under the same key in this session (its answer may have been lost). */
  retried: boolean,
): Promise<object> {
  const client = need(deps.client);
  const rating = {
    level: e.rating.level,
    options: e.rating.options,
    ...(e.rating.text ? { comment: e.rating.text } : {}),
  };
  const own = proof.localId ? deps.outbox?.status(proof.localId) : undefined;
  try {
    if (own?.filingId && own.trackingNumber === e.trackingNumber)
      await client.rate(own.filingId, rating, signal);
    else if (proof.code?.kind === 'receiptQr')
      await client.rateByTracking({ qr: proof.code.value }, rating, signal);
    else
      await client.rateByTracking(
        { trackingNumber: e.trackingNumber, idNumber: personOf(proof.identity).idNumber },
        rating,
        signal,
      );
  } catch (err) {
    // Asked again after an answer that was lost on the way: the rating is there. A filing rated
    // before this session is a refusal the citizen hears about (one rating per filing).
    if (!(retried && err instanceof BackofficeError && err.code === 'alreadyRated')) throw err;
    deps.log.info('rating.alreadyRecorded', { trackingNumber: e.trackingNumber });
  }
  deps.log.info('rating.recorded', { trackingNumber: e.trackingNumber, level: e.rating.level });
  return {};
}
