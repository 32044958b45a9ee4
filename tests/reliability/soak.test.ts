// The short variant of bench/soak for CI: complete journeys back to back through the real host;
// no filing lost, nothing personal left behind, and no descriptor added per journey (memory growth
// is a figure of the long run, not asserted on a short one).
import { expect, it } from 'vitest';
import { soak } from './soak';

it('runs complete journeys back to back without losing a filing, leaking a descriptor or leaving personal data', async () => {
  const r = await soak({ journeys: 24, warmup: 4, privacyEvery: 6 });
  console.log(JSON.stringify({ ...r, privacy: r.privacy.length }));
  expect(Object.keys(r.byKind).sort()).toEqual(['business', 'certificate', 'residence', 'ticket']);
  expect(r.filings.acknowledged).toBeGreaterThan(0);
  expect(r.filings.lost).toEqual([]);
  expect(r.privacy).toEqual([]);
  // Steady state: between the middle and the end (12 journeys) no descriptor is added. The first
  // half may still open a thing once (a second pooled socket): +2 at most, never per journey.
  expect(r.samples.end.fds).toBeLessThanOrEqual(r.samples.middle.fds);
  expect(r.samples.middle.fds - r.samples.start.fds).toBeLessThanOrEqual(2);
}, 600_000);
