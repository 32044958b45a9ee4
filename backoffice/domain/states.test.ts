import { describe, expect, it } from 'vitest';
import { canTransition, FILING_STATUSES, type FilingStatus } from './states';

// A filing's life: submitted → accepted → approved | rejected | needsMore; needsMore → submitted
// (the citizen adds papers); approved → resultReady → collected. Rejected and collected are final.
const ALLOWED = new Set([
  'submitted>accepted',
  'accepted>approved',
  'accepted>rejected',
  'accepted>needsMore',
  'needsMore>submitted',
  'approved>resultReady',
  'resultReady>collected',
]);

describe('filing status transitions', () => {
  const pairs = FILING_STATUSES.flatMap((from) => FILING_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s', (from: FilingStatus, to: FilingStatus) => {
    expect(canTransition(from, to)).toBe(ALLOWED.has(`${from}>${to}`));
  });
  it('covers the seven statuses', () => {
    expect([...FILING_STATUSES].sort()).toEqual(
      ['accepted', 'approved', 'collected', 'needsMore', 'rejected', 'resultReady', 'submitted'].sort(),
    );
  });
});
