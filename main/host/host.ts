import type { Logger } from '../../devices/core';
import type { PrintJournal } from '../../devices/escpos-printer';
import { parseCatalogue, shippedCatalogue } from '../../domain/catalogue/catalogue';
import type { HostConfig } from '../config/host-config';
import type { DeviceStatusDto } from '../ipc/contract';
import type { AppInfo, EventChannel, EventPayload } from '../ipc/contract/channels';
import type { Handlers } from '../ipc/dispatch';
import type { KioskServiceHealth } from '../backend/types';
import type { DeviceServices } from '../device-host/services';
import { Printing, type A4Renderer, type PrintClock, type PrintJournalStore } from '../printing';
import { SessionRunner, type SessionClock } from '../session';
import { Diagnostics, diagnosticsHandlers } from '../diagnostics';
import type { DeviceRole } from '../config/roles';
import type { BuiltDevice } from '../device-host/families/types';
import type { CardReaderCommands } from '../device-host/families/pcsc-reader';
import { filingChannels } from './filings';
import { sessionChannels } from './session';

export interface Host {
  handlers: Handlers;
  onEvent(listener: <C extends EventChannel>(channel: C, payload: EventPayload<C>) => void): () => void;
  /** The citizen session (for in-process tests and benches; the page reaches it through the handlers). */
  readonly session: SessionRunner;
  /** The technician's diagnostics mode (main/diagnostics). */
  readonly diagnostics: Diagnostics;
  stop(): Promise<void>;
}

/** Where device instances come from; main/device-host builds it from the configuration. */
export interface DeviceRegistry {
  /** The devices by role (main/device-host/services.ts); absent in registries built by tests. */
  readonly services?: DeviceServices;
  /** The built devices with the roles they serve (diagnostics); absent in registries built by tests. */
  readonly devices?: readonly { device: BuiltDevice; roles: readonly DeviceRole[] }[];
  list(): DeviceStatusDto[];
  onStatus(listener: (s: DeviceStatusDto) => void): () => void;
  stop(): Promise<void>;
}

export interface HostOptions {
  /** Which shell runs this host (the worker reads YIZHAN_SHELL); reported by app:info. */
  shell?: AppInfo['mode'];
  /** `journal`: durable receipt job states, for the receipt printer's driver. */
  buildRegistry?: (c: HostConfig, l: Logger, extras: { journal?: PrintJournal }) => Promise<DeviceRegistry>;
  /** The session's timers (idle, reminders, 秒批 wait); tests pass a clock they move by hand. */
  clock?: SessionClock;
  /** main/printing's clock (held jobs, take timeouts); real time unless a test moves it. */
  printClock?: PrintClock;
  /** main/printing's A4 renderer (a bench times it); default its warm worker thread. */
  renderer?: A4Renderer;
}

export async function createHost(config: HostConfig, log: Logger, opts: HostOptions = {}): Promise<Host> {
  const buildRegistry =
    opts.buildRegistry ??
    (async (c: HostConfig, l: Logger, extras: { journal?: PrintJournal }) =>
      (await import('../device-host/registry')).buildRegistry(c, l, { simControl: true, ...extras }));
  const mode = opts.shell ?? 'electron';
  const journal: PrintJournalStore = (await import('../device-host/print-journal')).openPrintJournal(
    config.dataDir,
  );
  const registry = await buildRegistry(config, log, { journal: journal.receipts });
  const services: DeviceServices = registry.services ?? { availability: () => [] };
  const printing = new Printing({
    journal,
    receiptPrinter: services.receiptPrinter,
    a4Printer: services.a4Printer,
    timeZone: config.site.timeZone,
    log,
    ...(opts.printClock ? { clock: opts.printClock } : {}),
    ...(opts.renderer ? { renderer: opts.renderer } : {}),
  });
  // Warm the renderer now, so the first certificate of the day is not the slow one.
  await printing.start();

  // The link reports the session, which needs the link's client: the report looks it up when it runs.
  const serving = { now: () => false };
  // So does the diagnostics mode (a technician in: maintenance) and the self-check, made after it.
  const diag = {
    maintenance: () => false,
    health: (): KioskServiceHealth | undefined => undefined,
  };
  const link = (await import('../device-host/backoffice-link')).startBackofficeLink(config, registry, log, {
    session: () => (diag.maintenance() ? 'maintenance' : serving.now() ? 'serving' : 'idle'),
    health: () => diag.health(),
  });
  const profile = config.site.profile;
  const lockerJournal = (await import('../device-host/locker-journal')).openLockerJournal(config.dataDir);
  const runner = new SessionRunner({
    kioskId: config.kioskId,
    catalogue: shippedCatalogue(profile),
    services,
    printing,
    client: link?.client,
    outbox: link?.outbox,
    lockerJournal,
    log,
    idleMs: config.site.idleSeconds * 1000,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  // Doors a previous run opened and did not get recorded: asked of the board, recorded or abandoned.
  const lockersRecovered = runner
    .recoverLockers()
    .catch((err: unknown) =>
      log.error('locker.recoveryStopped', { error: err instanceof Error ? err.message : String(err) }),
    );
  serving.now = () => runner.serving;
  // The back office's catalogue when it validates, the shipped one otherwise (said in the log).
  link?.onConfig((pushed) => {
    const parsed = parseCatalogue(pushed.catalogue, profile);
    if (parsed.fallback && parsed.fallback.reason !== 'notPushed')
      log.warn('catalogue.fallback', { reason: parsed.fallback.reason, issues: parsed.fallback.issues });
    log.info('catalogue.applied', {
      source: parsed.catalogue.source,
      services: parsed.catalogue.services.length,
      ...(parsed.skipped.length ? { skipped: parsed.skipped } : {}),
    });
    runner.setCatalogue(parsed.catalogue);
    const hall = pushed.site.hallName;
    if (typeof hall === 'string' && hall.trim()) runner.setSite({ hallName: hall.trim().slice(0, 40) });
  });

  const diagnostics = new Diagnostics({
    config,
    devices: () =>
      (registry.devices ?? []).map(({ device, roles }) => ({
        device,
        roles,
        transport: config.devices.find((d) => d.id === device.id)?.transport ?? {
          kind: 'simulated' as const,
        },
      })),
    session: {
      serving: () => runner.serving,
      accept: (open) => runner.accept(open),
      onServing: (l) => runner.events.on('serving', l),
    },
    log,
    catalogue: () => runner.catalogueView(),
    ...(link?.client ? { probeBackoffice: () => link.client.config().then(() => undefined) } : {}),
    backofficeKind: config.backoffice.url ? 'remote' : link ? 'embedded' : 'none',
    printing,
  });
  diag.maintenance = () => diagnostics.mode.view().outOfService;
  diag.health = () => diagnostics.heartbeatHealth();
  diagnostics.events.on('diag:mode', () => link?.wake());
  diagnostics.events.on('diag:health', () => link?.wake());
  // A technician card in the PC/SC reader at the attract screen opens the PIN pad, not a session.
  const cardReader = registry.devices?.find((d) => d.device.family === 'pcsc-reader')?.device.commands as
    CardReaderCommands | undefined;
  if (cardReader)
    runner.claimCards(() => diagnostics.cardPlaced(() => cardReader.readTechnician({ timeoutMs: 5_000 })));
  // The boot self-check: every device and the back office, the services that can run; the status
  // slip comes out when something is wrong (a kiosk that starts well does not spend paper on it).
  void diagnostics
    .check('boot', 'unlessOk')
    .catch((err: unknown) =>
      log.error('diag.bootCheckFailed', { error: err instanceof Error ? err.message : String(err) }),
    );

  // `yizhan diag` on the machine itself reaches the same channels over a private unix socket.
  const diagSocket = await (
    await import('../diagnostics/socket')
  )
    .startDiagSocket(diagnostics, config.dataDir)
    .catch((err: unknown) => {
      log.error('diag.socketFailed', { error: err instanceof Error ? err.message : String(err) });
      return undefined;
    });

  const filings = filingChannels(link?.outbox, log);
  const flow = sessionChannels(runner, log);
  const listeners = new Set<<C extends EventChannel>(channel: C, payload: EventPayload<C>) => void>();
  const emit = <C extends EventChannel>(channel: C, payload: EventPayload<C>) => {
    for (const l of listeners) l(channel, payload);
  };
  registry.onStatus((s) => emit('devices:status', s));
  filings.onState((s) => emit('filings:state', s));
  runner.events.on('view', (v) => emit('flow:view', v));
  runner.events.on('ended', (e) => emit('session:ended', e));
  runner.events.on('serving', () => link?.wake());
  for (const channel of ['diag:mode', 'diag:selfTest', 'diag:operator', 'diag:health'] as const)
    diagnostics.events.on(channel, (p) => emit(channel, p as never));
  log.info('host.started', { kioskId: config.kioskId, devices: config.devices.length, profile });
  return {
    handlers: {
      'app:info': () => Promise.resolve({ version: config.version, kioskId: config.kioskId, mode }),
      'devices:list': () => Promise.resolve(registry.list()),
      ...filings.handlers,
      ...flow,
      ...diagnosticsHandlers(diagnostics),
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    session: runner,
    diagnostics,
    async stop() {
      await diagSocket?.close();
      diagnostics.stop();
      await runner.stop();
      await lockersRecovered;
      lockerJournal.close();
      await link?.stop();
      await printing.close();
      await registry.stop();
      journal.close();
    },
  };
}
