/** The host's citizen session: the effect runner around the pure engine (README.md). */
export {
  SessionRunner,
  systemClock,
  type SessionClock,
  type SessionEvents,
  type SessionOptions,
} from './runner';
export { EffectFailure } from './failures';
export type { SiteInfo } from './prints';
export {
  LockerJournal,
  type LockerEntry,
  type LockerEntryState,
  type LockerJournalOptions,
} from './locker-journal';
