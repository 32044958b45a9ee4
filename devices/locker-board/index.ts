export {
  LockerCabinetDriver,
  type LockerCabinetDriverConfig,
  type DoorState,
  type LockerBoardDetail,
  type LockerCabinetDetail,
  type LockerEvents,
  type OpenResult,
} from './driver';
export { LockerCabinetSimulator, type LockerSimulatorOptions } from './simulator';
export {
  defaultCabinetConfig,
  DEFAULT_LOCKER_BOARD,
  DEFAULT_LOCKER_PROTOCOL,
  type LockerCabinetConfig,
} from './config';
export {
  createLockerProtocol,
  LOCKER_PROTOCOLS,
  type LockerProtocol,
  type LockerProtocolName,
  type LockerReply,
  type LockerRequest,
} from './protocol';
export { lockerManifest, LockerBoardOptions, LOCKER_COUNTERS, type LockerCounter } from './manifest';
export { lockerSelfTests, type TestableCabinet } from './diagnostics';
