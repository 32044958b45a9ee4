// Kill -9 a kiosk process at random points while it enqueues and delivers filings to the real
// back office, restart it, and check every filing is on the server exactly once with all materials.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundleOutboxChild } from '../../helpers/outbox-bundle';
import { planFiling, seededRandom, sha256Hex } from '../../helpers/outbox-plan';
import {
  registerKiosk,
  serverFilings,
  staffLogin,
  startService,
  type TestService,
} from '../../helpers/outbox-service';

const SEED = Number(process.env.OUTBOX_CRASH_SEED ?? 20261123);
const KILLS = Number(process.env.OUTBOX_CRASH_KILLS ?? 30);
const FILINGS = 24;
const KIOSK_ID = 'crash-kiosk-01';

let dir: string;
let service: TestService;
let childScript: string;
const live = new Set<ChildProcess>();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yizhan-outbox-crash-'));
  service = await startService({ dir: path.join(dir, 'server') });
  childScript = await bundleOutboxChild();
});

afterAll(async () => {
  for (const c of live) c.kill('SIGKILL');
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
  if (childScript) rmSync(childScript, { force: true });
});

interface Run {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

function runKiosk(credential: string): Run {
  const child = spawn(process.execPath, [childScript], {
    env: {
      ...process.env,
      OUTBOX_DIR: path.join(dir, 'kiosk'),
      BACKOFFICE_URL: service.url,
      KIOSK_ID,
      KIOSK_CREDENTIAL: credential,
      PLAN_SEED: String(SEED),
      PLAN_COUNT: String(FILINGS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.on('exit', () => live.delete(child));
  const lines: string[] = [];
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(stderr);
      resolve(code);
    }),
  );
  return { child, lines, exited };
}

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

it(
  `delivers every filing exactly once across ${KILLS} kill -9 (seed ${SEED})`,
  { timeout: 240_000 },
  async () => {
    const started = Date.now();
    const credential = await registerKiosk(service.url, KIOSK_ID);
    const random = seededRandom(SEED);
    const lastStepBeforeKill: string[] = [];
    let finished = false;
    for (let k = 0; k < KILLS && !finished; k++) {
      const run = runKiosk(credential);
      // Kill somewhere inside the work: after a random number of steps (enqueue, create, upload,
      // deliver) plus a random few milliseconds, so kills land before, inside and after requests.
      const steps = 1 + Math.floor(random() * 8);
      const progress = () => run.lines.filter((l) => l.startsWith('state') || l.startsWith('durable')).length;
      await waitFor(() => progress() >= steps || run.child.exitCode !== null, 30_000, 'child progress');
      await new Promise((r) => setTimeout(r, Math.floor(random() * 15)));
      if (run.child.exitCode === null) {
        run.child.kill('SIGKILL');
        lastStepBeforeKill.push(run.lines.at(-1) ?? 'start');
      }
      const code = await run.exited;
      finished = code === 0 && run.lines.some((l) => l.startsWith('done'));
    }

    const final = runKiosk(credential);
    expect(await final.exited).toBe(0);
    expect(final.lines.find((l) => l.startsWith('done'))).toBe(`done delivered=${FILINGS} rejected=0`);

    // Server state: each planned filing exactly once, with exactly its materials.
    const onServer = (await serverFilings(service.url, await staffLogin(service.url, 'clerk'))).filter(
      (f) => f.kioskId === KIOSK_ID,
    );
    expect(onServer).toHaveLength(FILINGS);
    for (let i = 0; i < FILINGS; i++) {
      const plan = planFiling(SEED, i);
      const matches = onServer.filter((f) => f.form.testTag === plan.localId);
      expect(matches, `filing ${plan.localId}`).toHaveLength(1);
      const got = matches[0]!.materials.map((m) => `${m.name}:${m.sha256}`).sort();
      const want = plan.materials.map((m) => `${m.name}:${sha256Hex(m.bytes)}`).sort();
      expect(got, `materials of ${plan.localId}`).toEqual(want);
    }

    // The outbox kept no personal data once delivered.
    const db = new Database(path.join(dir, 'kiosk', 'outbox.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT state, body, filing_id FROM outbox_entry').all() as {
        state: string;
        body: string | null;
        filing_id: string | null;
      }[];
      expect(rows).toHaveLength(FILINGS);
      expect(rows.every((r) => r.state === 'delivered' && r.body === null && r.filing_id !== null)).toBe(
        true,
      );
      expect(db.prepare('SELECT COUNT(*) AS n FROM outbox_material').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    // Not even in freed pages or the WAL (secure_delete + checkpoint after each delivery).
    const files = ['outbox.sqlite', 'outbox.sqlite-wal']
      .map((f) => path.join(dir, 'kiosk', f))
      .filter((f) => existsSync(f));
    const raw = Buffer.concat(files.map((f) => readFileSync(f)));
    for (let i = 0; i < FILINGS; i++)
      expect(raw.includes(planFiling(SEED, i).applicant.idNumber)).toBe(false);

    const sendingKills = lastStepBeforeKill.filter((l) => / sending /.test(l)).length;
    console.log(
      `outbox crash test: seed=${SEED} kills=${lastStepBeforeKill.length} duringSending=${sendingKills} ` +
        `duringEnqueue=${lastStepBeforeKill.filter((l) => l.startsWith('durable')).length} ` +
        `elapsedMs=${Date.now() - started}`,
    );
  },
);
