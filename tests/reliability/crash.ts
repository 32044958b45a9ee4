/**
 * kill -9 of the real host at seeded random points of complete journeys (tests/reliability/journeys.ts)
 * — reading the card, filing, printing, a locker door open or just closed, rating — then a restart,
 * the next citizens, and at the end a count of what was lost or done twice:
 * - filings: every filing the host acknowledged (tracking number shown) at the back office exactly
 *   once; every outbox entry delivered, each to a filing that exists; no tag filed twice;
 * - prints: A4 by the print journal's keys against the CUPS jobs named `[key]` (cups-pdf is the
 *   paper); receipts by what the printer simulator cut (tracking number or ticket on the slip) against
 *   the journal's printed rows, and each walk that finished has its slip; the boot self-check's
 *   status slips (自检报告, printed by a host that starts with something wrong) are real printed
 *   things too, counted on their own: their journal rows (`diag-slip-…`) against the slips cut;
 * - locker operations: every door a citizen closed with papers in it recorded at the back office
 *   once, and no papers in a door the back office does not know of; the kiosk's locker journal
 *   (`lockers.sqlite`) left with nothing unfinished.
 * After each finished walk, and at the end for everyone, nothing of a citizen in the kiosk's data
 * directory, temporary files or log (tests/helpers/privacy.ts).
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { CupsSpooler } from '../../devices/a4-printer';
import { cupsIppExchange } from '../../devices/transports/cups';
import { createPdfQueue } from '../helpers/cups';
import { startBackoffice, testDir } from '../helpers/kiosk-rig';
import { seededRandom } from '../helpers/outbox-plan';
import { serverFilings, staffLogin } from '../helpers/outbox-service';
import { findSecrets } from '../helpers/privacy';
import {
  Citizens,
  depositPapers,
  heldDoors,
  JOURNEY_KINDS,
  planWalk,
  retrieveDeposits,
  secretsOfWalk,
  tagOfForm,
  walk,
  type Walk,
} from './journeys';
import { remoteKiosk } from './remote-kiosk';

export interface CrashReport {
  seed: number;
  kills: number;
  walks: number;
  completed: number;
  /** Where the kills landed: the step (or state) the kiosk showed. */
  killedAt: Record<string, number>;
  filings: { acknowledged: number; onServer: number; lost: string[]; duplicated: string[] };
  prints: {
    a4Keys: number;
    a4Jobs: number;
    receipts: number;
    receiptRows: number;
    /** Boot self-check status slips: journal rows printed, slips the printer cut. */
    statusSlips: { rows: number; cut: number };
    lost: string[];
    duplicated: string[];
  };
  lockers: {
    deposits: number;
    recorded: number;
    /** The kiosk's locker journal at the end, entries by state. */
    journal: Record<string, number>;
    lost: string[];
    duplicated: string[];
  };
  privacy: string[];
  /** Walks that failed while the host was alive: a defect, not a kill. */
  unexpected: string[];
  elapsedMs: number;
}

const KIOSK_ID = 'crash-journeys';
const SERVICES = [
  'social-insurance-certificate',
  'sole-proprietor-registration',
  'residence-permit',
  'queue-ticket',
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TRACKING = /YZ\d{8}-\d{6,}[0-9A-Y]/g;
const TICKET = /\b[A-Z]\d{3}\b/;
/** The boot self-check's status slip (main/diagnostics/health.ts statusSlip). */
const STATUS_SLIP = '自检报告';
/** Locker journal states still owed to the back office. */
const UNFINISHED = new Set(['intent', 'opened', 'closed']);

export async function crashJourneys(o: {
  seed: number;
  kills: number;
  progress?: (line: string) => void;
}): Promise<CrashReport> {
  const started = Date.now();
  const t = testDir('yizhan-crash-journeys');
  const bo = await startBackoffice(t.dir);
  const queue = await createPdfQueue('yz-crash-j');
  const rk = await remoteKiosk({
    dir: t.dir,
    tmp: t.tmp,
    backoffice: bo,
    kioskId: KIOSK_ID,
    a4Queue: queue.name,
  });
  const k = rk.kiosk;
  const clerk = await staffLogin(bo.url, 'clerk');
  const citizens = await Citizens.create();
  const random = seededRandom(o.seed);
  const walks: Walk[] = [];
  const receipts: { transcript: string; interrupted: boolean; walk: number }[] = [];
  let current: Walk | undefined;
  k.printer.onReceipt((r) =>
    receipts.push({ transcript: r.transcript, interrupted: r.interrupted, walk: current?.index ?? -1 }),
  );
  const report: CrashReport = {
    seed: o.seed,
    kills: 0,
    walks: 0,
    completed: 0,
    killedAt: {},
    filings: { acknowledged: 0, onServer: 0, lost: [], duplicated: [] },
    prints: {
      a4Keys: 0,
      a4Jobs: 0,
      receipts: 0,
      receiptRows: 0,
      statusSlips: { rows: 0, cut: 0 },
      lost: [],
      duplicated: [],
    },
    lockers: { deposits: 0, recorded: 0, journal: {}, lost: [], duplicated: [] },
    privacy: [],
    unexpected: [],
    elapsedMs: 0,
  };
  const roots = [k.dataDir, k.logFile, t.tmp];
  const privacy = (ws: Walk[]) => {
    const hits = findSecrets(roots, ws.flatMap(secretsOfWalk));
    report.privacy.push(...hits.map((h) => `${h.what} in ${path.relative(t.dir, h.file)} (${h.encoding})`));
  };

  /** Citizens one after another until the host goes away (or `count` walks are done). */
  const citizensWhile = async (alive: () => boolean, count = Number.POSITIVE_INFINITY) => {
    for (let n = 0; n < count && alive(); n++) {
      const kind = JOURNEY_KINDS[Math.floor(random() * JOURNEY_KINDS.length)]!;
      const w = planWalk(walks.length, kind, citizens, `S${o.seed}`);
      walks.push(w);
      current = w;
      try {
        await walk(k, w);
      } catch (err) {
        if (alive()) {
          // What the host said went wrong lately: the technician's first clue, and ours.
          const said = rk
            .logs()
            .filter((l) => /"level":"(warn|error)"/.test(l))
            .slice(-4);
          report.unexpected.push(
            `walk ${w.index} (${w.kind}): ${String(err).slice(0, 300)} host: ${said.join(' | ')}`,
          );
        }
        return;
      }
      privacy([w]);
      if ((await heldDoors(bo, clerk, KIOSK_ID)).length > 8) await retrieveDeposits(k, bo, clerk, KIOSK_ID);
    }
  };

  /** Waits until the restarted host offers every service of the journeys (their devices serving). */
  const serving = async () => {
    for (let i = 0; i < 600; i++) {
      const r = await k.call('catalogue:list').catch(() => undefined);
      if (r && SERVICES.every((id) => r.services.find((s) => s.serviceId === id)?.available)) return;
      await sleep(50);
    }
    throw new Error('the restarted host never had every device serving');
  };

  try {
    for (let life = 0; life < o.kills; life++) {
      const booting = Date.now();
      const run = await rk.start();
      await serving();
      o.progress?.(`life ${life + 1}: serving ${Date.now() - booting} ms after the start`);
      let alive = true;
      void run.exited.then(() => (alive = false));
      const walking = citizensWhile(() => alive);
      // Kill after a seeded number of things the host did (views it sent, slips cut), plus a few ms:
      // spread over whole journeys, from the first tap to the rating and the door closing.
      const steps = 1 + Math.floor(random() * 40);
      const from = k.views.length + receipts.length;
      const point = k.until(
        (x) => x.views.length + receipts.length - from >= steps || undefined,
        'the kill point',
      );
      // A host slow to get there (a 秒批 decision on a loaded machine) is killed where it is.
      await Promise.race([walking, point.catch(() => undefined)]);
      if (report.unexpected.length > 0) o.progress?.(`unexpected: ${report.unexpected.at(-1)}`);
      await sleep(Math.floor(random() * 25));
      const v = k.view;
      const at = v.step ? `${v.step.kind}${v.busy ? `:${v.busy.key}` : ''}` : v.phase;
      report.killedAt[at] = (report.killedAt[at] ?? 0) + 1;
      run.proc.kill('SIGKILL');
      await run.exited;
      report.kills++;
      await walking;
      // The citizen at the dead screen: papers already in hand go in and the door is shut; they take
      // their card and any slip, and leave.
      if (current && current.door !== undefined && !current.closed && k.lockers.isOpen(1, current.door))
        depositPapers(k, current);
      if (k.idCard.cardPlaced) k.idCard.remove();
      if (k.printer.receiptInPresenter) k.printer.take();
      o.progress?.(`kill ${report.kills}/${o.kills} at ${at} (walk ${current?.index}, ${current?.kind})`);
    }

    // The last life: a few more citizens, then the outbox drains.
    const last = await rk.start();
    await serving();
    await citizensWhile(() => true, 3);
    const outbox = path.join(k.dataDir, 'outbox.sqlite');
    for (let i = 0; i < 600; i++) {
      const pending = existsSync(outbox) ? undelivered(outbox) : 0;
      if (pending === 0) break;
      await sleep(100);
    }
    // And the locker journal: a record the back office did not take at once is retried with backoff.
    const lockerJournal = path.join(k.dataDir, 'lockers.sqlite');
    for (let i = 0; i < 600; i++) {
      if (lockerStates(lockerJournal).filter((e) => UNFINISHED.has(e.state)).length === 0) break;
      await sleep(100);
    }
    last.proc.kill('SIGTERM');
    await last.exited;

    // ---- Count.
    report.walks = walks.length;
    report.completed = walks.filter((w) => w.completed).length;
    const filings = (await serverFilings(bo.url, clerk)).filter((f) => f.kioskId === KIOSK_ID);
    report.filings.onServer = filings.length;
    const tagOf = tagOfForm;
    const byTag = new Map<string, typeof filings>();
    for (const f of filings) {
      const tag = tagOf(f.form) ?? `untagged ${f.filingId}`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), f]);
    }
    for (const [tag, fs] of byTag) if (fs.length > 1) report.filings.duplicated.push(`${tag} ×${fs.length}`);
    for (const w of walks.filter((x) => x.trackingNumber)) {
      report.filings.acknowledged++;
      const got = byTag.get(w.tag) ?? [];
      if (!got.some((f) => f.trackingNumber === w.trackingNumber))
        report.filings.lost.push(`${w.tag} (${w.kind}, ${w.trackingNumber})`);
    }
    const ids = new Set(filings.map((f) => f.filingId));
    for (const e of outboxEntries(outbox))
      if (e.state !== 'delivered' || !e.filing_id || !ids.has(e.filing_id))
        report.filings.lost.push(`outbox ${e.local_id} ${e.state}`);

    // A4: the journal's keys against the spooler's jobs.
    const journal = journalRows(path.join(k.dataDir, 'printing.sqlite'));
    const jobs = await new CupsSpooler(cupsIppExchange(), userInfo().username).jobs(queue.name);
    const a4 = journal.filter((r) => r.kind === 'a4');
    report.prints.a4Keys = a4.length;
    report.prints.a4Jobs = jobs.length;
    for (const row of a4) {
      const mine = jobs.filter((j) => j.name.endsWith(`[${row.key}]`));
      const done = mine.filter((j) => j.state === 'completed');
      if (done.length > 1) report.prints.duplicated.push(`a4 ${row.key} ×${done.length}`);
      if (row.state === 'completed' && done.length === 0)
        report.prints.lost.push(`a4 ${row.key} (journal completed)`);
    }
    for (const j of jobs)
      if (!a4.some((r) => j.name.endsWith(`[${r.key}]`)))
        report.prints.duplicated.push(`a4 job ${j.jobId} no key`);
    // Receipts: each slip's identity (tracking number, else ticket) once; each finished walk its slip.
    const PRINTED = ['printed', 'taken', 'notTaken'];
    const isStatus = (key: string) => key.startsWith('diag-slip-');
    const rows = journal.filter((r) => r.kind === 'receipt' && !isStatus(r.key));
    report.prints.receiptRows = rows.filter((r) => PRINTED.includes(r.state)).length;
    const cut = receipts.filter((r) => !r.interrupted);
    const statusCut = cut.filter((r) => r.transcript.includes(STATUS_SLIP));
    const citizenCut = cut.filter((r) => !r.transcript.includes(STATUS_SLIP));
    report.prints.receipts = citizenCut.length;
    const statusRows = journal.filter((r) => r.kind === 'receipt' && isStatus(r.key));
    report.prints.statusSlips = {
      rows: statusRows.filter((r) => PRINTED.includes(r.state)).length,
      cut: statusCut.length,
    };
    if (statusCut.length < report.prints.statusSlips.rows)
      report.prints.lost.push(
        `status slips: journal has ${report.prints.statusSlips.rows} printed, the printer cut ${statusCut.length}`,
      );
    // Every status slip has its own key; more slips cut than keys ever journaled is one printed twice.
    if (statusCut.length > statusRows.length)
      report.prints.duplicated.push(`status slips: ${statusCut.length} cut for ${statusRows.length} keys`);
    const seen = new Map<string, number>();
    for (const r of citizenCut) {
      const id = r.transcript.match(TRACKING)?.[0] ?? `${TICKET.exec(r.transcript)?.[0]}@${r.walk}`;
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    for (const [id, n] of seen) if (n > 1) report.prints.duplicated.push(`receipt ${id} ×${n}`);
    if (report.prints.receipts < report.prints.receiptRows)
      report.prints.lost.push(
        `receipts: journal has ${report.prints.receiptRows} printed, the printer cut ${report.prints.receipts}`,
      );
    for (const w of walks.filter((x) => x.completed && x.kind !== 'certificate')) {
      const slip = citizenCut.some((r) =>
        w.trackingNumber ? r.transcript.includes(w.trackingNumber) : r.walk === w.index,
      );
      if (!slip) report.prints.lost.push(`receipt of walk ${w.index} (${w.kind})`);
    }

    // Lockers: papers in a closed door → one deposit at the back office for that filing.
    const deposits = depositRows(path.join(t.dir, 'backoffice', 'backoffice.db'), KIOSK_ID);
    report.lockers.recorded = deposits.length;
    const byFiling = new Map<string, number>();
    for (const d of deposits) byFiling.set(d.filing_id, (byFiling.get(d.filing_id) ?? 0) + 1);
    for (const [id, n] of byFiling) if (n > 1) report.lockers.duplicated.push(`filing ${id} ×${n}`);
    const filingOfTag = new Map(filings.map((f) => [tagOf(f.form), f.filingId]));
    for (const w of walks.filter((x) => x.papersIn && x.closed)) {
      report.lockers.deposits++;
      const id = filingOfTag.get(w.tag);
      if (!id || !byFiling.has(id))
        report.lockers.lost.push(`walk ${w.index}: papers in A-${w.door}, no deposit recorded`);
    }
    for (const e of lockerStates(lockerJournal)) {
      report.lockers.journal[e.state] = (report.lockers.journal[e.state] ?? 0) + 1;
      if (UNFINISHED.has(e.state)) report.lockers.lost.push(`locker journal ${e.label} still ${e.state}`);
    }

    privacy(walks);
    return report;
  } finally {
    report.elapsedMs = Date.now() - started;
    await rk.close();
    await bo.stop();
    queue.remove();
    t.remove();
  }
}

function withDb<T>(file: string, f: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return f(db);
  } finally {
    db.close();
  }
}

function undelivered(file: string): number {
  return withDb(file, (db) =>
    Number(
      (db.prepare("SELECT COUNT(*) AS n FROM outbox_entry WHERE state != 'delivered'").get() as { n: number })
        .n,
    ),
  );
}

function outboxEntries(file: string): { local_id: string; state: string; filing_id: string | null }[] {
  if (!existsSync(file)) return [];
  return withDb(
    file,
    (db) => db.prepare('SELECT local_id, state, filing_id FROM outbox_entry').all() as never,
  );
}

function journalRows(file: string): { key: string; kind: 'a4' | 'receipt'; state: string }[] {
  if (!existsSync(file)) return [];
  return withDb(file, (db) => db.prepare('SELECT key, kind, state FROM print_job').all() as never);
}

function lockerStates(file: string): { label: string; state: string }[] {
  if (!existsSync(file)) return [];
  return withDb(file, (db) => db.prepare('SELECT label, state FROM locker_entry').all() as never);
}

function depositRows(file: string, kioskId: string): { filing_id: string; door: number }[] {
  return withDb(
    file,
    (db) => db.prepare('SELECT filing_id, door FROM deposits WHERE kiosk_id = ?').all(kioskId) as never,
  );
}
