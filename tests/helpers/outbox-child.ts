// A kiosk process for the outbox crash tests: enqueues the planned filings and drains the outbox,
// printing one line per step so the parent can tell where it killed us. Run with tsx.
//   env: OUTBOX_DIR, BACKOFFICE_URL, KIOSK_ID, KIOSK_CREDENTIAL, PLAN_SEED, PLAN_COUNT
import Database from 'better-sqlite3';
import { BackofficeClient, Outbox } from '../../main/backend';
import { planFiling } from './outbox-plan';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const say = (line: string) => process.stdout.write(`${line}\n`);
const seed = Number(env('PLAN_SEED'));
const count = Number(env('PLAN_COUNT'));
const client = new BackofficeClient({
  baseUrl: env('BACKOFFICE_URL'),
  kioskId: env('KIOSK_ID'),
  credential: env('KIOSK_CREDENTIAL'),
  timeoutMs: 5_000,
});
const outbox = new Outbox({
  dataDir: env('OUTBOX_DIR'),
  openDatabase: (file) => new Database(file),
  client,
  backoff: { baseMs: 50, maxMs: 400, factor: 2 },
  idlePollMs: 200,
});
outbox.events.on('state', (s) =>
  say(
    `state ${s.localId} ${s.state} ${s.filingId ?? '-'} ${s.materials ? `${s.materials.uploaded}/${s.materials.total}` : '-'}`,
  ),
);
say('ready');

const stop = new AbortController();
const draining = outbox.drain(stop.signal);
for (let i = 0; i < count; i++) {
  const filing = planFiling(seed, i);
  const known = outbox.status(filing.localId!) !== undefined;
  const status = await outbox.enqueueFiling(filing);
  say(`${known ? 'known' : 'durable'} ${status.localId}`);
}
while (outbox.list().some((s) => s.state === 'pending' || s.state === 'sending')) {
  await new Promise((r) => setTimeout(r, 20));
}
stop.abort();
await draining;
const rejected = outbox.list().filter((s) => s.state === 'rejected');
say(`done delivered=${outbox.list().length - rejected.length} rejected=${rejected.length}`);
outbox.close();
