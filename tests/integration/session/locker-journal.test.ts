// The locker journal across a host killed mid-deposit: the real host (main/host/worker.ts) in a child
// process, the locker cabinet simulated OUTSIDE it over a socat pty (the doors and what lies in them
// survive the host), the back office on loopback behind a gate this test controls. kill -9 at a
// point the test knows it reached (a deposit request at the gate; a journal row written), restart on
// the same data directory, and count the deposits at the back office.
import Database from 'better-sqlite3';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPdfQueue, type PdfQueue } from '../../helpers/cups';
import { startBackoffice, testDir } from '../../helpers/kiosk-rig';
import { staffLogin, type TestService } from '../../helpers/outbox-service';
import { Citizens, heldDoors, planWalk, walk } from '../../reliability/journeys';
import { remoteKiosk, type RemoteKiosk } from '../../reliability/remote-kiosk';

const t = testDir('yizhan-locker-journal');
let bo: TestService;
let queue: PdfQueue;
let clerk: string;
let citizens: Citizens;
const kiosks: RemoteKiosk[] = [];
const gates: Gate[] = [];

beforeAll(async () => {
  bo = await startBackoffice(t.dir);
  queue = await createPdfQueue('yz-lj');
  clerk = await staffLogin(bo.url, 'clerk');
  citizens = await Citizens.create();
}, 60_000);

afterAll(async () => {
  for (const k of kiosks) await k.close();
  for (const g of gates) await g.close();
  await bo?.stop();
  queue?.remove();
  t.remove();
});

type GateMode = 'pass' | 'hold' | 'loseAnswer';

interface Gate {
  url: string;
  mode: GateMode;
  /** Resolves when a deposit request reached the gate in `hold` or `loseAnswer` mode. */
  depositStopped(): Promise<void>;
  /** Deposit requests the back office was sent through the gate. */
  depositsForwarded: number;
  close(): Promise<void>;
}

/** An HTTP hop in front of the back office that can hold deposit requests, or lose their answers. */
async function gate(target: string): Promise<Gate> {
  let stopped: () => void = () => undefined;
  let stoppedP = new Promise<void>((r) => (stopped = r));
  const parked: http.ServerResponse[] = [];
  const g: Gate = {
    url: '',
    mode: 'pass',
    depositStopped: () => stoppedP,
    depositsForwarded: 0,
    close: async () => {
      for (const res of parked) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const park = (res: http.ServerResponse) => {
    parked.push(res);
    stopped();
    stoppedP = new Promise<void>((r) => (stopped = r));
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const deposit = req.method === 'POST' && (req.url ?? '').endsWith('/lockers/deposits');
      if (deposit && g.mode === 'hold') return park(res);
      if (deposit) g.depositsForwarded++;
      const lose = deposit && g.mode === 'loseAnswer';
      const up = http.request(
        new URL(req.url ?? '/', target),
        { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', () => {
            // The back office recorded it; the kiosk never hears so.
            if (lose) return park(res);
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(parts));
          });
        },
      );
      up.on('error', () => res.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  g.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  gates.push(g);
  return g;
}

async function kioskBehind(g: Gate, kioskId: string): Promise<RemoteKiosk> {
  const rk = await remoteKiosk({
    dir: path.join(t.dir, kioskId),
    tmp: t.tmp,
    backoffice: { url: g.url } as TestService,
    kioskId,
    a4Queue: queue.name,
  });
  kiosks.push(rk);
  return rk;
}

/** Waits until the restarted host offers the 居住证 service (its devices serving). */
async function serving(rk: RemoteKiosk): Promise<void> {
  await expect
    .poll(
      async () => {
        const r = await rk.kiosk.call('catalogue:list').catch(() => undefined);
        return r?.services.find((s) => s.serviceId === 'residence-permit')?.available === true;
      },
      { timeout: 60_000, interval: 50 },
    )
    .toBe(true);
}

function journal(
  rk: RemoteKiosk,
): { key: string; state: string; label: string; last_error: string | null }[] {
  const db = new Database(path.join(rk.kiosk.dataDir, 'lockers.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    return db.prepare('SELECT key, state, label, last_error FROM locker_entry').all() as never;
  } catch {
    return [];
  } finally {
    db.close();
  }
}

const deposits = async (kioskId: string) =>
  (await heldDoors(bo, clerk, kioskId)).filter((d) => d.content === 'deposit');

const reconciled = (rk: RemoteKiosk) =>
  rk
    .logs()
    .filter((l) => l.includes('"locker.reconciled"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

it.each([
  ['before the back office had the record', 'hold'],
  ['after the back office recorded it, its answer lost', 'loseAnswer'],
] as const)(
  'a host killed between the door closing and the deposit record (%s): one deposit after the restart',
  async (_what, mode) => {
    const kioskId = `lj-closed-${mode}`;
    const g = await gate(bo.url);
    const rk = await kioskBehind(g, kioskId);
    const first = await rk.start();
    await serving(rk);
    g.mode = mode;
    const w = planWalk(0, 'residence', citizens, `LJ${mode}`);
    const walking = walk(rk.kiosk, w).catch(() => undefined);
    // The citizen shut the door on the papers; the host's record of it is at the gate: kill.
    await g.depositStopped();
    first.proc.kill('SIGKILL');
    await first.exited;
    await walking;
    expect(w.papersIn && w.closed).toBe(true);
    expect(rk.kiosk.lockers.isOpen(1, w.door!)).toBe(false);
    expect(await deposits(kioskId)).toHaveLength(mode === 'hold' ? 0 : 1);

    g.mode = 'pass';
    await rk.start();
    // The journal changes without the host telling the page: read it until it is recorded.
    await expect
      .poll(() => journal(rk).map((e) => e.state), { timeout: 60_000, interval: 50 })
      .toEqual(['recorded']);
    const held = await deposits(kioskId);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ door: w.door, board: 1 });
    expect(journal(rk)).toEqual([
      expect.objectContaining({ state: 'recorded', label: `A-${String(w.door).padStart(2, '0')}` }),
    ]);
    expect(g.depositsForwarded).toBe(mode === 'hold' ? 1 : 2);
  },
  180_000,
);

it('a host killed after journaling a door and before it opened: nothing recorded, the entry abandoned with a technician line', async () => {
  const kioskId = 'lj-intent';
  const g = await gate(bo.url);
  const rk = await kioskBehind(g, kioskId);
  const first = await rk.start();
  await serving(rk);
  // Every door's lock fails: the host journals its choice and then waits for a door that never opens.
  for (let d = 1; d <= 16; d++) rk.kiosk.lockers.jam(1, d);
  const w = planWalk(0, 'residence', citizens, 'LJintent');
  const walking = walk(rk.kiosk, w).catch(() => undefined);
  await expect
    .poll(() => journal(rk).map((e) => e.state), { timeout: 120_000, interval: 20 })
    .toEqual(['intent']);
  const intent = journal(rk)[0]!;
  first.proc.kill('SIGKILL');
  await first.exited;
  await walking;
  for (let d = 1; d <= 16; d++) rk.kiosk.lockers.free(1, d);
  expect(w.door).toBeUndefined();

  await rk.start();
  await expect
    .poll(() => journal(rk).map((e) => [e.key, e.state]), { timeout: 60_000, interval: 50 })
    .toEqual([[intent.key, 'abandoned']]);
  expect(await deposits(kioskId)).toEqual([]);
  expect(g.depositsForwarded).toBe(0);
  expect(reconciled(rk)).toEqual([
    expect.objectContaining({
      door: intent.label,
      purpose: 'deposit',
      journaled: 'intent',
      doorState: 'closed',
      itemPresent: false,
      outcome: 'abandoned',
      reason: 'doorEmpty',
    }),
  ]);
}, 180_000);
