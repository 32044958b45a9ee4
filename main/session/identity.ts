/**
 * Reading who the citizen is: the readers a `device.readIdentity` watch accepts, raced until one
 * reads a card or the scanner sees a 一码办 code the back office resolves, and each reader's record
 * turned into the engine's `Identity` (held in host memory only). A card pulled during the read, a card that keeps failing, another kind of card and an
 * expired card are failures the citizen is told about; a reader that is down is waited out (the
 * watch lasts as long as the step shows).
 */
import { isDeviceError, sleep } from '../../devices/core';
import type { IdCardRecord } from '../../devices/id-card-reader';
import type { SocialSecurityCard } from '../../devices/pcsc-reader';
import type { ReadMethod } from '../../domain/catalogue/vocabulary';
import { idKindOf, isValidIdNumber, isYimabanCode } from '../../domain/identity';
import type { PersonRef } from '../backend';
import type {
  BankCardIdentity,
  DeviceServices,
  IdCardService,
  ScannerService,
} from '../device-host/services';
import type { CardRole, Identity } from '../flow';
import { EffectFailure } from './failures';

/** How long one wait on a reader lasts before it is asked again (the watch itself has no end). */
const READ_WINDOW_MS = 5 * 60_000;
/** A reader that is not there is asked again after this long (never a busy loop). */
const DOWN_RETRY_MS = 2000;
/** Consecutive failed reads of a card lying on the reader before it is called unreadable. */
const UNREADABLE_AFTER = 5;

/** The China Standard Time date of `ms`, YYYY-MM-DD (cards expire by the date printed on them). */
export const cstDate = (ms: number): string => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

const expired = (validTo: string | null | undefined, today: string): boolean => {
  if (!validTo || validTo === '长期') return false;
  const iso = /^\d{8}$/.test(validTo)
    ? `${validTo.slice(0, 4)}-${validTo.slice(4, 6)}-${validTo.slice(6)}`
    : validTo;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && iso < today;
};

export function identityFromIdCard(r: IdCardRecord, today: string): Identity {
  if (!r.idNumberValid || !isValidIdNumber(r.idNumber)) throw new EffectFailure('invalidIdentity');
  if (expired(r.validTo, today)) throw new EffectFailure('expiredCard');
  return {
    method: 'idCard',
    name: r.name,
    ...(r.nameEn ? { nameEn: r.nameEn.slice(0, 120) } : {}),
    idNumber: r.idNumber,
    idKind: r.cardType,
    ...(r.gender === 'male' || r.gender === 'female' ? { gender: r.gender } : {}),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(r.birthDate) ? { birthDate: r.birthDate } : {}),
    ...(r.address ? { address: r.address.slice(0, 200) } : {}),
  };
}

export function identityFromSocialSecurity(c: SocialSecurityCard, today: string): Identity {
  const kind = idKindOf(c.idNumber);
  if (!kind || !isValidIdNumber(c.idNumber)) throw new EffectFailure('invalidIdentity');
  if (expired(c.expiryDate, today)) throw new EffectFailure('expiredCard');
  return {
    method: 'socialSecurityCard',
    name: c.name,
    idNumber: c.idNumber,
    idKind: kind,
    ...(c.gender === 'male' || c.gender === 'female' ? { gender: c.gender } : {}),
    cardNumber: c.cardNumber,
  };
}

/** Whom a 一码办 code stands for, as the back office resolved it. */
export function identityFromCode(p: PersonRef): Identity {
  const kind = idKindOf(p.idNumber);
  if (!kind || !isValidIdNumber(p.idNumber)) throw new EffectFailure('invalidIdentity');
  return { method: 'qr', name: p.name, idNumber: p.idNumber, idKind: kind };
}

export const identityFromBankCard = (c: BankCardIdentity): Identity => ({ method: 'bankCard', pan: c.pan });

export interface ReadContext {
  services: DeviceServices;
  now(): number;
  /** A card left on the ID reader by the previous citizen is not read until it has been lifted. */
  staleIdCard(): boolean;
  /** The PC/SC reader's card was read as a card of `role` (what a reminder to take it names). */
  readAs(role: CardRole): void;
  /** The back office's answer for a 一码办 code; absent without a back office (no code is then read). */
  resolveCode?: (code: string, signal: AbortSignal) => Promise<PersonRef>;
}

/** Watches the readers of `accept` until one of them reads a card; the first answer wins. */
export async function readIdentity(
  accept: readonly ReadMethod[],
  ctx: ReadContext,
  signal: AbortSignal,
): Promise<Identity> {
  const stop = new AbortController();
  const both = AbortSignal.any([signal, stop.signal]);
  const readers: Promise<Identity>[] = [];
  const { idCard, socialSecurityCard, bankCard } = ctx.services;
  if (accept.includes('idCard') && idCard) readers.push(readIdCard(idCard, ctx, both));
  const ssc = accept.includes('socialSecurityCard') ? socialSecurityCard : undefined;
  const bank = accept.includes('bankCard') ? bankCard : undefined;
  if (ssc || bank) readers.push(readCardReader(ssc, bank, ctx, both));
  const { scanner } = ctx.services;
  if (accept.includes('qr') && scanner && ctx.resolveCode)
    readers.push(readCode(scanner, ctx.resolveCode, both));
  if (readers.length === 0) throw new EffectFailure('deviceDown', 'no reader for the accepted methods');
  try {
    return await Promise.race(readers);
  } finally {
    stop.abort();
    // The losers end with the abort; their rejections are expected.
    for (const r of readers) r.catch(() => undefined);
  }
}

async function readIdCard(svc: IdCardService, ctx: ReadContext, signal: AbortSignal): Promise<Identity> {
  let placed = svc.card() !== 'absent' && !ctx.staleIdCard();
  let failures = 0;
  let broken: ((e: EffectFailure) => void) | undefined;
  const trouble = new Promise<never>((_, reject) => (broken = reject));
  const off = svc.watch((e) => {
    if (e.kind === 'placed') {
      placed = true;
      failures = 0;
    } else if (e.kind === 'removed') {
      if (placed && !ctx.staleIdCard())
        broken?.(new EffectFailure('cardRemoved', 'card lifted before it was read'));
      placed = false;
    } else if (e.kind === 'failed' && placed && ++failures >= UNREADABLE_AFTER)
      broken?.(new EffectFailure('unreadable', `${failures} reads failed`));
  });
  const reading = (async () => {
    while (!signal.aborted) {
      if (ctx.staleIdCard()) {
        await svc.waitRemoved({ timeoutMs: READ_WINDOW_MS, signal }).catch(() => undefined);
        continue;
      }
      try {
        return identityFromIdCard(await svc.read({ timeoutMs: READ_WINDOW_MS, signal }), cstDate(ctx.now()));
      } catch (err) {
        if (signal.aborted || err instanceof EffectFailure) throw err;
        if (isDeviceError(err) && err.code === 'notConnected') await sleep(DOWN_RETRY_MS, signal);
        // timeout (no card placed in the window): keep watching
      }
    }
    throw signal.reason as Error;
  })();
  try {
    return await Promise.race([reading, trouble]);
  } finally {
    off();
    trouble.catch(() => undefined);
    reading.catch(() => undefined);
  }
}

/** One PC/SC reader serves both the social security and the bank card role. */
async function readCardReader(
  ssc: DeviceServices['socialSecurityCard'],
  bank: DeviceServices['bankCard'],
  ctx: ReadContext,
  signal: AbortSignal,
): Promise<Identity> {
  const first = ssc ?? bank!;
  while (!signal.aborted) {
    try {
      if (ssc) {
        try {
          const card = await ssc.read({ timeoutMs: READ_WINDOW_MS, signal });
          ctx.readAs('socialSecurityCard');
          return identityFromSocialSecurity(card, cstDate(ctx.now()));
        } catch (err) {
          // A bank card in a reader that also takes bank cards here: read it as one.
          if (!(bank && isDeviceError(err) && err.detail === 'wrongCard')) throw err;
        }
      }
      const card = await bank!.read({ timeoutMs: READ_WINDOW_MS, signal });
      ctx.readAs('bankCard');
      return identityFromBankCard(card);
    } catch (err) {
      if (signal.aborted || err instanceof EffectFailure) throw err;
      if (!isDeviceError(err)) throw err;
      if (err.code === 'timeout' && err.detail !== 'cardRemoved') continue;
      if (err.code === 'notConnected' && !first.cardPresent()) {
        await sleep(DOWN_RETRY_MS, signal);
        continue;
      }
      throw err;
    }
  }
  throw signal.reason as Error;
}

/**
 * The first 一码办 code the scanner sees, resolved by the back office. Other codes (a receipt QR a
 * step also listens for) are left to their own listener. A refused code is a failure the citizen
 * is told about (`codeRefused` from the back office), like an expired card.
 */
async function readCode(
  scanner: ScannerService,
  resolve: NonNullable<ReadContext['resolveCode']>,
  signal: AbortSignal,
): Promise<Identity> {
  const code = await new Promise<string>((done, reject) => {
    const off = scanner.listen((scan) => {
      if (!isYimabanCode(scan.text)) return;
      off();
      done(scan.text);
    });
    signal.addEventListener('abort', () => (off(), reject(signal.reason as Error)), { once: true });
  });
  return identityFromCode(await resolve(code, signal));
}
