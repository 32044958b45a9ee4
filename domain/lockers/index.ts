/**
 * The product's one default locker cabinet, shared by the kiosk (devices/locker-board, `yizhan
 * start`, `sim locker`, `device locker`) and the back office (the console's door assignment), so a
 * door assigned with the defaults is a door the default cabinet has (issue #8: they disagreed).
 *
 * CU because its boards report item presence (IR), which occupancy needs; board 1 because it is a
 * valid address in both protocols (8A boards start at 1, 0 is broadcast there).
 *
 * Pure and dependency-free: device code may import it (scripts/eslint/layers.mjs).
 */

/** The protocols a cabinet's boards may speak (devices/locker-board/protocol). */
export type LockerProtocolId = '8a' | 'cu';

export const DEFAULT_LOCKER_PROTOCOL: LockerProtocolId = 'cu';
export const DEFAULT_LOCKER_BOARD = 1;
