import { readFileSync } from 'node:fs';
import { PcscCardSimulator, parseCardProfile, type CardProfile } from '../../devices/pcsc-reader';
import { TcpTransport } from '../../devices/transports/tcp';
import { ROOT, VPCD_HOST, VPCD_PORT, type PrivatePcscd } from './pcsc';

export const FIXTURES = `${ROOT}devices/pcsc-reader/fixtures/`;

export function loadProfile(name: string): CardProfile {
  return parseCardProfile(JSON.parse(readFileSync(`${FIXTURES}${name}.json`, 'utf8')));
}

/** A virtual card for vpcd slot `slot` of the private pcscd; call insert() to put it in the reader. */
export function virtualCard(pcscd: PrivatePcscd, profile: CardProfile, slot = 0): PcscCardSimulator {
  const transport = new TcpTransport({
    host: VPCD_HOST,
    port: VPCD_PORT + slot,
    dial: () => pcscd.dial(slot),
  });
  return new PcscCardSimulator(profile, transport);
}

/** Polls `check` every 20 ms until it is true or `ms` pass. */
export async function waitUntil(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
