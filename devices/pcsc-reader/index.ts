// The shipped virtual cards are imported as JSON so a bundled build carries them without the files.
import sscGen1 from './fixtures/ssc-gen1.json' with { type: 'json' };
import sscGen2 from './fixtures/ssc-gen2.json' with { type: 'json' };
import sscGen3 from './fixtures/ssc-gen3.json' with { type: 'json' };
import unionpayCreditContact from './fixtures/unionpay-credit-contact.json' with { type: 'json' };
import unionpayDebit from './fixtures/unionpay-debit.json' with { type: 'json' };
import unknownCard from './fixtures/unknown-card.json' with { type: 'json' };
import { parseCardProfile, type CardProfile } from './simulator';

export {
  PcscReaderDriver,
  type CardKind,
  type CardReadResult,
  type PcscReaderDetail,
  type PcscReaderConfig,
  type PcscReaderEvents,
  type ReadCardOptions,
} from './driver';
export {
  PcscCardSimulator,
  SimulatedCard,
  SimulatedCardChannel,
  parseCardProfile,
  parseFaultSwitches,
  type CardFaults,
  type CardProfile,
} from './simulator';
export type { SocialSecurityCard } from './protocol/social-security';
export type { BankCard } from './protocol/bank';
export type { TechnicianCard } from './protocol/technician';
export { VPCD_DEFAULT_PORT } from './protocol/vpcd';
export {
  checks as diagnosticChecks,
  snapshot as diagnosticSnapshot,
  type CardReaderCheck,
} from './diagnostics';

export {
  pcscReaderManifest,
  PcscReaderOptions,
  CARD_READER_COUNTERS,
  SAMPLE_CARD_NAMES,
  type CardReaderCounter,
} from './manifest';

const SAMPLE_JSON = {
  'ssc-gen1': sscGen1,
  'ssc-gen2': sscGen2,
  'ssc-gen3': sscGen3,
  'unionpay-debit': unionpayDebit,
  'unionpay-credit-contact': unionpayCreditContact,
  'unknown-card': unknownCard,
};
export type { SampleCardProfileName } from './manifest';

/** Social security cards of the three generations, two UnionPay cards and a card with neither. */
export const SAMPLE_CARD_PROFILES = Object.fromEntries(
  Object.entries(SAMPLE_JSON).map(([name, json]) => [name, parseCardProfile(json)]),
) as Record<keyof typeof SAMPLE_JSON, CardProfile>;
