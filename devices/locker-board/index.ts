export {
  LockerCabinetDriver,
  type DoorState,
  type LockerBoardDetail,
  type LockerCabinetDetail,
  type LockerEvents,
  type OpenResult,
} from './driver';
export { LockerCabinetSimulator, type LockerSimulatorOptions } from './simulator';
export { defaultCabinetConfig, type LockerCabinetConfig } from './config';
export {
  createLockerProtocol,
  LOCKER_PROTOCOLS,
  type LockerProtocol,
  type LockerProtocolName,
  type LockerReply,
  type LockerRequest,
} from './protocol';
