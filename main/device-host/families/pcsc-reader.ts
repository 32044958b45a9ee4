// PC/SC card readers: social security cards and UnionPay bank cards. One wiring for the host and
// `yizhan device card`. A simulated reader is pcscd + vpcd with a virtual card when both run here,
// otherwise an in-process channel that answers the same APDUs through the same driver.
import { existsSync, readFileSync } from 'node:fs';
import {
  DeviceError,
  type CardChannel,
  type DeviceStatus,
  type Logger,
  type Transport,
} from '../../../devices/core';
import { maskAccount, maskIdNumber, maskName, maskPan } from '../../../domain/identity';
import {
  diagnosticChecks as cardReaderChecks,
  PcscCardSimulator,
  PcscReaderDriver,
  pcscReaderManifest,
  SAMPLE_CARD_NAMES as SAMPLE_NAMES,
  SAMPLE_CARD_PROFILES,
  SimulatedCardChannel,
  VPCD_DEFAULT_PORT,
  type CardKind,
  type CardProfile,
  type CardReadResult,
  type PcscReaderDetail,
  type SampleCardProfileName,
  type TechnicianCard,
} from '../../../devices/pcsc-reader';
import type { DeviceCondition } from '../../ipc/contract';
import { selfTestPlan, statusOf } from './link';
import { defineFamily, type BuiltDevice } from './types';

export type { PcscReaderOptions } from '../../../devices/pcsc-reader';

export interface CardReaderCommands {
  /** Waits for a card (up to `timeoutMs` in total) and reads the first application of `kinds` it has. */
  read(opts: {
    kinds?: readonly CardKind[];
    timeoutMs: number;
    signal?: AbortSignal;
  }): Promise<CardReadResult>;
  /** Resolves once the card is out of the reader; `userAction`/`cardNotRemoved` after `timeoutMs`. */
  waitRemoved(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<void>;
  cardPresent(): boolean;
  /** The card in the reader if it is the site's technician card, else null (one SELECT). */
  readTechnician(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<TechnicianCard | null>;
}

/** Inserts and removes virtual cards, as a customer would. */
export interface CardReaderSimulatorControl {
  readonly via: 'vpcd' | 'in-process';
  insert(card: SampleCardProfileName | CardProfile): Promise<void>;
  remove(): Promise<void>;
  readonly inserted: boolean;
  /** Only in-process: the reader's cable. */
  setAttached?(attached: boolean): void;
}

export const SAMPLE_CARD_NAMES = SAMPLE_NAMES;

/** A card as a technician may see it without `--reveal`: identifiers masked. */
export function maskedCardRead(card: CardReadResult): Record<string, unknown> {
  if (card.kind === 'bank')
    return { kind: card.kind, pan: maskPan(card.pan), expiry: card.expiry, aid: card.aid, masked: true };
  return {
    kind: card.kind,
    cardNumber: maskAccount(card.cardNumber),
    idNumber: maskIdNumber(card.idNumber),
    name: maskName(card.name),
    gender: card.gender,
    cardVersion: card.cardVersion,
    issueDate: card.issueDate,
    expiryDate: card.expiryDate,
    areaCode: card.areaCode,
    warnings: card.warnings,
    masked: true,
  };
}

export function cardReaderCondition(s: DeviceStatus<object>): DeviceCondition {
  const d = s.detail as Partial<PcscReaderDetail>;
  if (s.health === 'online') return 'ready';
  if (s.health === 'busy') return 'busy';
  if (s.health === 'noDevice') return d.reader ? 'notConnected' : 'noReader';
  return 'readerFault';
}

const profileOf = (c: SampleCardProfileName | CardProfile): CardProfile =>
  typeof c === 'string' ? SAMPLE_CARD_PROFILES[c] : c;

/**
 * pcscd + vpcd are usable from here when pcscd's socket exists and something listens on vpcd's port
 * in this network namespace (connecting to vpcd would insert a card, so its port is looked up instead).
 */
export function vpcdReachable(socketPath: string, port = VPCD_DEFAULT_PORT): { ok: boolean; why: string } {
  if (!existsSync(socketPath)) return { ok: false, why: `pcscd's socket ${socketPath} does not exist` };
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const listening = ['/proc/net/tcp', '/proc/net/tcp6'].some((f) => {
    try {
      return readFileSync(f, 'utf8')
        .split('\n')
        .some((l) => {
          const cols = l.trim().split(/\s+/);
          return cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A';
        });
    } catch {
      return false;
    }
  });
  return listening
    ? { ok: true, why: `pcscd at ${socketPath} and vpcd on port ${port}` }
    : { ok: false, why: `nothing listens on vpcd's port ${port} here` };
}

export const pcscReader = defineFamily({
  family: pcscReaderManifest.family,
  roles: pcscReaderManifest.roles,
  transports: ['pcsc', 'simulated'],
  options: pcscReaderManifest.config,
  manifest: pcscReaderManifest,
  async build(
    spec,
    ctx,
  ): Promise<BuiltDevice<CardReaderCommands, CardReaderSimulatorControl, PcscReaderDriver>> {
    const t = spec.transport;
    if (t.kind !== 'pcsc' && t.kind !== 'simulated')
      throw new DeviceError('invalidArgument', `pcsc-reader cannot use a ${t.kind} transport`, {
        deviceId: spec.id,
      });
    const o = spec.options;
    let channel: CardChannel;
    let reader: string | undefined;
    let control: CardReaderSimulatorControl | undefined;
    let closeSim = (): Promise<void> => Promise.resolve();
    const socketPath =
      (t.kind === 'pcsc' ? t.socket : undefined) ??
      process.env.PCSCLITE_CSOCK_NAME ??
      '/run/pcscd/pcscd.comm';
    if (t.kind === 'pcsc') {
      const { PcscTransport } = await import('../../../devices/transports/pcsc');
      channel = new PcscTransport({ socketPath, log: ctx.log });
      reader = t.reader;
    } else {
      const wanted = o.simulator?.via ?? 'auto';
      const probe = wanted === 'in-process' ? { ok: false, why: 'configured' } : vpcdReachable(socketPath);
      if (wanted === 'vpcd' || probe.ok) {
        const [{ PcscTransport }, { TcpTransport }] = await Promise.all([
          import('../../../devices/transports/pcsc'),
          import('../../../devices/transports/tcp'),
        ]);
        channel = new PcscTransport({ socketPath, log: ctx.log });
        reader = 'Virtual PCD 00 00';
        const v = vpcdControl(
          () => new TcpTransport({ host: '127.0.0.1', port: VPCD_DEFAULT_PORT }),
          ctx.log,
        );
        control = v.control;
        closeSim = v.close;
        ctx.log.info('card.simulation', { via: 'pcscd+vpcd', why: probe.why, reader });
      } else {
        const sim = new SimulatedCardChannel();
        channel = sim;
        control = {
          via: 'in-process',
          insert: (c) => Promise.resolve(sim.insert(profileOf(c))),
          remove: () => Promise.resolve(sim.remove()),
          get inserted() {
            return sim.card !== undefined;
          },
          setAttached: (a) => sim.setAttached(a),
        };
        ctx.log.info('card.simulation', {
          via: 'in-process',
          why: `${probe.why}: the same APDUs are answered in this process`,
        });
      }
      if (o.simulator?.card) await control.insert(o.simulator.card);
    }
    const driver = new PcscReaderDriver(
      channel,
      {
        deviceId: spec.id,
        ...(reader ? { reader } : {}),
        ...(o.removalGraceMs !== undefined ? { removalGraceMs: o.removalGraceMs } : {}),
      },
      ctx.log,
      ctx.clock,
    );
    driver.start();
    return {
      id: spec.id,
      family: spec.family,
      ...statusOf(driver.status),
      condition: () => cardReaderCondition(driver.status.current),
      linkProblem: () => undefined,
      commands: {
        read: ({ kinds, timeoutMs, signal }) =>
          driver.readCard({ timeoutMs, ...(signal ? { signal } : {}), ...(kinds ? { kinds } : {}) }),
        waitRemoved: (opts) => driver.waitForRemoval(opts),
        cardPresent: () => driver.status.current.detail.card === 'present',
        readTechnician: (opts) => driver.readTechnicianCard(opts),
      },
      driver,
      ...(control ? { simulator: control } : {}),
      async stop() {
        await driver.stop();
        await closeSim();
        await channel.close();
      },
    };
  },
  selfTests: (device) => selfTestPlan(cardReaderChecks, device.driver!, device.driver!.clock),
  async operate(control, request) {
    if (request.kind === 'insertCard')
      await control.insert(request.card === 'bank' ? 'unionpay-debit' : 'ssc-gen3');
    else if (request.kind === 'removeCard') await control.remove();
  },
});

/** Virtual cards that dial vpcd: pcscd sees them inserted and removed like real ones. */
function vpcdControl(
  transport: () => Transport,
  log: Logger,
): { control: CardReaderSimulatorControl; close: () => Promise<void> } {
  let current: PcscCardSimulator | undefined;
  const control: CardReaderSimulatorControl = {
    via: 'vpcd',
    async insert(c) {
      await current?.remove();
      current = new PcscCardSimulator(profileOf(c), transport(), log.child({ role: 'simulator' }));
      await current.insert();
    },
    async remove() {
      await current?.remove();
      current = undefined;
    },
    get inserted() {
      return current?.inserted ?? false;
    },
  };
  return { control, close: () => control.remove() };
}
