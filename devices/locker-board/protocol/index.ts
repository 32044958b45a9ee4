import { create8aProtocol, DEFAULT_8A_LAYOUT } from './bcc-8a';
import { createCuProtocol, DEFAULT_CU_LAYOUT } from './kerong-cu';
import type { BitmapLayout, LockerProtocol, LockerProtocolName } from './types';

export * from './types';
export { bitmapBytes, packBitmap, unpackBitmap } from './bitmap';
export { create8aProtocol, xorBcc, DEFAULT_8A_LAYOUT } from './bcc-8a';
export { createCuProtocol, encodeCuFrame, sumChecksum, DEFAULT_CU_LAYOUT } from './kerong-cu';

export const LOCKER_PROTOCOLS: readonly LockerProtocolName[] = ['8a', 'cu'];

/** The codec a cabinet's configuration names, with that cabinet's bitmap calibration. */
export function createLockerProtocol(
  name: LockerProtocolName,
  layout: Partial<BitmapLayout> = {},
): LockerProtocol {
  // Configuration is data: an unknown name must not quietly fall back to another board family.
  if (name === '8a') return create8aProtocol({ ...DEFAULT_8A_LAYOUT, ...layout });
  if (name === 'cu') return createCuProtocol({ ...DEFAULT_CU_LAYOUT, ...layout });
  throw new RangeError(
    `unknown locker protocol "${String(name)}" (expected ${LOCKER_PROTOCOLS.join(' or ')})`,
  );
}
