// The short variant of scripts/crash-journeys.ts for CI: a few kill -9 of the real host at seeded
// points of complete journeys, then nothing lost or done twice and nothing personal left behind.
//   CRASH_JOURNEYS_SEED, CRASH_JOURNEYS_KILLS reproduce or widen a run.
import { expect, it } from 'vitest';
import { crashJourneys } from './crash';

const SEED = Number(process.env.CRASH_JOURNEYS_SEED ?? 20261205);
const KILLS = Number(process.env.CRASH_JOURNEYS_KILLS ?? 5);

it(`loses and duplicates no filing, print or locker operation across ${KILLS} kill -9 of the host mid-journey (seed ${SEED})`, async () => {
  const r = await crashJourneys({ seed: SEED, kills: KILLS });
  console.log(JSON.stringify(r));
  expect(r.kills).toBe(KILLS);
  expect(r.unexpected).toEqual([]);
  expect(r.completed).toBeGreaterThanOrEqual(3);
  expect(r.filings.lost).toEqual([]);
  expect(r.filings.duplicated).toEqual([]);
  expect(r.prints.lost).toEqual([]);
  expect(r.prints.duplicated).toEqual([]);
  expect(r.lockers.lost).toEqual([]);
  expect(r.lockers.duplicated).toEqual([]);
  expect(r.privacy).toEqual([]);
}, 600_000);
