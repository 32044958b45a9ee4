export {
  PcscReaderDriver,
  type CardKind,
  type CardReadResult,
  type PcscReaderDetail,
  type PcscReaderOptions,
  type ReadCardOptions,
} from './driver';
export {
  PcscCardSimulator,
  SimulatedCard,
  parseCardProfile,
  parseFaultSwitches,
  type CardFaults,
  type CardProfile,
} from './simulator';
export type { SocialSecurityCard } from './protocol/social-security';
export type { BankCard } from './protocol/bank';
export { VPCD_DEFAULT_PORT } from './protocol/vpcd';
export {
  checks as diagnosticChecks,
  snapshot as diagnosticSnapshot,
  type CardReaderCheck,
} from './diagnostics';
