/**
 * kill -9 the real host at seeded random points of complete journeys, restart it, and count filings,
 * prints and locker operations lost or done twice, and personal data left behind (all must be 0).
 * Devices are simulated outside the host over socat ptys, the A4 printer is CUPS + cups-pdf, the
 * back office runs embedded on loopback. See tests/reliability/crash.ts for what is counted how.
 *
 *   npx tsx scripts/crash-journeys.ts [--kills 200] [--seed N]     (exit 1 when anything was lost)
 */
import { parseArgs } from 'node:util';
import { crashJourneys } from '../tests/reliability/crash';

const { values } = parseArgs({
  options: { kills: { type: 'string', default: '200' }, seed: { type: 'string' } },
});
const seed = Number(values.seed ?? Date.now() % 1_000_000_007);
const kills = Number(values.kills);
console.log(`crash-journeys: seed ${seed}, ${kills} kills (rerun: --seed ${seed} --kills ${kills})`);
const r = await crashJourneys({ seed, kills, progress: (l) => console.log(l) });
const bad = [
  ...r.unexpected,
  ...r.filings.lost,
  ...r.filings.duplicated,
  ...r.prints.lost,
  ...r.prints.duplicated,
  ...r.lockers.lost,
  ...r.lockers.duplicated,
  ...r.privacy,
];
console.log(
  [
    `seed ${r.seed}: ${r.kills} kills over ${r.walks} journeys (${r.completed} completed) in ${(r.elapsedMs / 1000).toFixed(0)} s`,
    `killed at: ${Object.entries(r.killedAt)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    `filings: ${r.filings.acknowledged} acknowledged, ${r.filings.onServer} at the back office; lost ${r.filings.lost.length}, duplicated ${r.filings.duplicated.length}`,
    `prints: A4 ${r.prints.a4Keys} journal keys / ${r.prints.a4Jobs} CUPS jobs; receipts ${r.prints.receiptRows} journal printed / ${r.prints.receipts} cut; boot status slips ${r.prints.statusSlips.rows} journal printed / ${r.prints.statusSlips.cut} cut; lost ${r.prints.lost.length}, duplicated ${r.prints.duplicated.length}`,
    `lockers: ${r.lockers.deposits} deposits made, ${r.lockers.recorded} recorded; journal ${JSON.stringify(r.lockers.journal)}; lost ${r.lockers.lost.length}, duplicated ${r.lockers.duplicated.length}`,
    `privacy: ${r.privacy.length} findings; unexpected failures: ${r.unexpected.length}`,
    ...bad.map((b) => `  ! ${b}`),
  ].join('\n'),
);
process.exit(bad.length === 0 ? 0 : 1);
