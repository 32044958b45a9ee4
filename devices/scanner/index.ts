export { SerialScannerDriver, type ScanEvent, type ScannerDetail, type ScannerEvents } from './driver';
export { HidScannerDriver } from './hid-driver';
export { ScannerSimulator, SIMULATOR_FACTORY_ZONES, type ScannerSimulatorOptions } from './simulator';
export {
  defaultHidScannerConfig,
  defaultSerialScannerConfig,
  type HidScannerConfig,
  type SerialScannerConfig,
} from './config';
export {
  buildHidPosReports,
  HID_POS_PROFILES,
  HID_POS_USAGE_PAGE,
  HONEYWELL_REPORT_02,
  type HidPosProfile,
  type OutputEncoding,
  type ScanMode,
  type Symbology,
  type Terminator,
} from './protocol';
