export const FILING_STATUSES = [
  'submitted',
  'accepted',
  'approved',
  'rejected',
  'needsMore',
  'resultReady',
  'collected',
] as const;
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
