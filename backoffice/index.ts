export { createBackoffice, API_PREFIX, API_VERSION, type BackofficeOptions } from './app';
export { DEV_STAFF, type BackofficeConfig, type StaffRole, type StaffSeed } from './config';
export type { Clock } from './context';
export { openDatabase, defaultSqlitePath, userDataDir } from './db/open';
export type { Database, Dialect } from './db/types';
export { verifyAudit, type AuditVerification } from './domain/audit';
export { SampleElicenceProvider, type Elicence, type ElicenceProvider } from './domain/elicence';
export { isValidTrackingNumber, formatTrackingNumber } from './domain/tracking';
export { loadOrCreateSecrets, type ServiceSecrets } from './secrets';
