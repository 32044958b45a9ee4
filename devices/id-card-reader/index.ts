/**
 * Second-generation resident ID card readers (SAM_V serial protocol, protocols.md §1).
 * Public surface of the family: the driver, the simulator, the record type and the codec helpers
 * other modules may need (ID number validation, nation names).
 */
export {
  IdCardReaderDriver,
  DEFAULT_TIMEOUTS,
  type IdCardReaderConfig,
  type IdCardReaderDetail,
  type IdCardReaderEvents,
  type CardPresence,
  type StageTimeouts,
} from './driver';
export {
  IdCardReaderSimulator,
  SIMULATOR_FAULTS,
  type SimulatorFault,
  type IdCardSimulatorOptions,
} from './simulator';
export { simulatedCardSchema, type SimulatedCard } from './simulator/card-file';
export { SAMPLE_CARDS, samplePhotoWlt } from './simulator/sample-cards';
export type { IdCardRecord } from './protocol/record';
export type { CardType, CardText } from './protocol/text';
export type { Gender } from './protocol/tables';
export { nationName } from './protocol/tables';
export { describeStatus, SW3 } from './protocol/status';
export { PHOTO_WIDTH, PHOTO_HEIGHT, WLT_BYTES, type WltDecoder } from './protocol/wlt';
export { checks, snapshot, type CheckOutcome, type IdCardReaderCheck } from './diagnostics';
export { idCardReaderManifest, IdCardReaderOptions, ID_CARD_COUNTERS, type IdCardCounter } from './manifest';
