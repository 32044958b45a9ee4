import { FILING_STATUSES } from '../../domain/catalogue/queries';

// The statuses are shared vocabulary (domain/catalogue); their transitions are the back office's.
export { FILING_STATUSES };
export type FilingStatus = (typeof FILING_STATUSES)[number];

const TRANSITIONS: Record<FilingStatus, readonly FilingStatus[]> = {
  submitted: ['accepted'],
  accepted: ['approved', 'rejected', 'needsMore'],
  needsMore: ['submitted'],
  approved: ['resultReady'],
  resultReady: ['collected'],
  rejected: [],
  collected: [],
};

export function canTransition(from: FilingStatus, to: FilingStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** What a history entry records: a status change, or something done to the filing in its status. */
export const HISTORY_KINDS = [
  'status',
  'lockerAssigned',
  'lockerWithdrawn',
  'papersDeposited',
  'papersRetrieved',
  'rated',
  'ratingCallback',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];
