export {
  SerialScannerDriver,
  type ScanEvent,
  type ScannerDetail,
  type ScannerEvents,
  type SerialScannerDriverConfig,
} from './driver';
export { HidScannerDriver, type HidScannerDriverConfig } from './hid-driver';
export { scannerManifest, ScannerOptions, SCANNER_COUNTERS, type ScannerCounter } from './manifest';
export { scannerSelfTests, TEST_CODE as SCANNER_TEST_CODE, type TestableScanner } from './diagnostics';
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
