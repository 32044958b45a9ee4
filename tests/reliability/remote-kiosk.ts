/**
 * A kiosk whose host can be killed: the real device host (main/host/worker.ts, bundled as the shells
 * ship it) in a child process, connected as the Chromium shell connects it (HostClient), and the
 * devices OUTSIDE it, as on a real kiosk: the ID card reader, the receipt printer and the locker
 * cabinet simulated in this process over socat ptys (they keep their state, their paper and their
 * doors when the host dies), the A4 printer a CUPS + cups-pdf queue. The page's view of it is the
 * same `Kiosk` the in-process tests drive, so the same journeys run on both.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { MemoryLogger } from '../../devices/core';
import { PROFILES } from '../../devices/escpos-printer';
import { LockerBoardOptions } from '../../devices/locker-board/manifest';
import { createPtyPair, SerialTransport, type PtyPair } from '../../devices/transports';
import { createIdCardSimulator } from '../../main/device-host/families/id-card-reader';
import { createReceiptPrinterSimulator } from '../../main/device-host/families/escpos-printer';
import { cabinetConfig, createLockerSimulator } from '../../main/device-host/families/locker-board';
import type { DeviceHost } from '../../main/device-host/registry';
import { HostClient } from '../../main/host/client';
import type { Host } from '../../main/host/host';
import type { FlowView } from '../../main/ipc/contract/flow';
import { HostConfig } from '../../main/config/host-config';
import { staleReason } from '../../scripts/bundle-manifest.mjs';
import { startHostProcess, type HostRun } from '../helpers/host-process';
import { Kiosk } from '../helpers/kiosk-rig';
import { ManualClock } from '../helpers/manual-clock';
import { registerKiosk, type TestService } from '../helpers/outbox-service';

export interface RemoteKiosk {
  kiosk: Kiosk;
  config: HostConfig;
  /** Starts a host life; resolves once it is ready and every device answers. */
  start(): Promise<HostRun>;
  /** Every host log line of every life (also appended to `kiosk.logFile`). */
  logs(): string[];
  close(): Promise<void>;
}

/** dist/cli/host.mjs as `yizhan start` forks it when the bundles are current, else the sources. */
function hostScript(): string {
  const root = path.resolve(import.meta.dirname, '../..');
  const dist = path.join(root, 'dist');
  return staleReason(dist) === null
    ? path.join(dist, 'cli', 'host.mjs')
    : path.join(root, 'main', 'host', 'worker.ts');
}

const ATTRACT: FlowView = { phase: 'attract' } as FlowView;

export async function remoteKiosk(o: {
  dir: string;
  tmp: string;
  backoffice: TestService;
  kioskId: string;
  a4Queue: string;
}): Promise<RemoteKiosk> {
  const credential = await registerKiosk(o.backoffice.url, o.kioskId);
  const dataDir = path.join(o.dir, `kiosk-${o.kioskId}`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const ptys: PtyPair[] = [];
  const wires: SerialTransport[] = [];
  const line = async (name: string, baudRate: number) => {
    const pty = await createPtyPair({ link: path.join(o.dir, name) });
    ptys.push(pty);
    const wire = new SerialTransport({ path: pty.simulatorPath, baudRate });
    await wire.open();
    wires.push(wire);
    return { link: path.join(o.dir, name), wire };
  };
  const idLine = await line('id-reader', 115200);
  const idCard = createIdCardSimulator({ baudRate: 115200, rfReadDelayMs: 0 });
  idCard.simulator.attach(idLine.wire);
  const printerLine = await line('receipt-printer', 115200);
  const printer = createReceiptPrinterSimulator(printerLine.wire, {
    profile: PROFILES.kp628,
    baudRate: 115200,
  });
  const cabinet = { protocol: 'cu' as const, cabinet: { boards: [1], doorsPerBoard: 16 } };
  const lockerLine = await line('locker', 19200);
  const lockers = createLockerSimulator(lockerLine.wire, cabinetConfig(LockerBoardOptions.parse(cabinet)), {
    closeAfterMs: null,
    springMs: 0,
  });

  const config = HostConfig.parse({
    kioskId: o.kioskId,
    dataDir,
    heartbeatIntervalMs: 1000,
    backoffice: { url: o.backoffice.url, credential },
    site: { profile: 'hall', requiredRoles: [] },
    devices: [
      { id: 'id-reader-1', family: 'id-card-reader', transport: { kind: 'serial', path: idLine.link } },
      {
        id: 'receipt-printer-1',
        family: 'escpos-printer',
        transport: { kind: 'serial', path: printerLine.link, baudRate: 115200 },
        options: { profile: 'kp628' },
      },
      {
        id: 'a4-printer-1',
        family: 'a4-printer',
        transport: { kind: 'spooler', queue: o.a4Queue },
        options: {},
      },
      {
        id: 'locker-1',
        family: 'locker-board',
        transport: { kind: 'serial', path: lockerLine.link, baudRate: 19200 },
        options: cabinet,
      },
      // Not used by the journeys run here; the services that need them are offered all the same.
      { id: 'scanner-1', family: 'scanner', transport: { kind: 'simulated' }, options: {} },
      { id: 'camera-1', family: 'document-camera', transport: { kind: 'simulated' }, options: {} },
    ],
  });

  const client = new HostClient(new MemoryLogger(), 60_000);
  let life: HostRun | undefined;
  let lastView: FlowView = ATTRACT;
  client.onEvent((e) => {
    if (e.channel === 'flow:view') lastView = e.payload;
  });
  // The parts of a Host a Kiosk uses, forwarded to the child; the devices are ours.
  const host = {
    handlers: client.forwardingHandlers(),
    onEvent: (l: (channel: string, payload: unknown) => void) =>
      client.onEvent((e) => l(e.channel, e.payload)),
    session: {
      view: () => lastView,
      get serving() {
        return lastView.phase !== 'attract' && lastView.phase !== 'ended';
      },
    },
    stop: () => Promise.resolve(),
  } as unknown as Host;
  const registry = {
    devices: [
      { roles: ['idCard'], device: { simulator: idCard } },
      { roles: ['receiptPrinter'], device: { simulator: printer } },
      { roles: ['lockers'], device: { simulator: lockers } },
    ],
    list: () => [],
  } as unknown as DeviceHost;
  const logFile = path.join(o.dir, `${o.kioskId}.log`);
  const kiosk = new Kiosk(host, registry, config, new ManualClock(Date.now()), new MemoryLogger(), logFile);
  const all: string[] = [];
  let script: string | undefined;

  return {
    kiosk,
    config,
    logs: () => all,
    async start() {
      // The product's own host bundle (dist/, with its A4 render worker beside it) while it matches the
      // sources: a start under tsx spends seconds transpiling, times every life of a crash run.
      script ??= hostScript();
      const run = startHostProcess(script, config, path.join(o.dir, 'kiosk.json'), client, {
        YIZHAN_LOG_LEVEL: process.env.CRASH_LOG_LEVEL ?? 'info',
        // The host's temporary files land where the privacy checks read.
        TMPDIR: o.tmp,
      });
      const push = run.logs.push.bind(run.logs);
      run.logs.push = (...lines: string[]) => {
        all.push(...lines);
        appendFileSync(logFile, lines.map((l) => `${l}\n`).join(''));
        return push(...lines);
      };
      life = run;
      lastView = ATTRACT;
      void run.exited.then((code) => {
        if (life === run) kiosk.hostGone(`the host exited (${code})`);
      });
      await run.ready;
      kiosk.hostBack();
      return run;
    },
    async close() {
      life?.proc.kill('SIGKILL');
      if (life) await life.exited;
      lockers.dispose();
      for (const w of wires) await w.close();
      for (const p of ptys) await p.close();
    },
  };
}
