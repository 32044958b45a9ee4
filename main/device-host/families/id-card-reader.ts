// ID card readers (SAM_V). One wiring for the host, `yizhan device idcard` and `yizhan sim idcard`.
import { systemClock, type DeviceError, type DeviceStatus } from '../../../devices/core';
import { maskIdNumber, maskName } from '../../../domain/identity';
import {
  checks as idCardChecks,
  IdCardReaderDriver,
  idCardReaderManifest,
  IdCardReaderSimulator,
  SAMPLE_CARDS,
  simulatedCardSchema,
  type CardPresence,
  type IdCardRecord,
  type IdCardSimulatorOptions,
  type SimulatedCard,
  type SimulatorFault,
} from '../../../devices/id-card-reader';
import type { DeviceCondition } from '../../ipc/contract';
import { selfTestPlan, serialLink, statusOf, simulatedParts } from './link';
import { defineFamily, type BuiltDevice } from './types';

export const SAMPLE_CARD_NAMES = Object.keys(SAMPLE_CARDS) as (keyof typeof SAMPLE_CARDS)[];
export type SampleCardName = keyof typeof SAMPLE_CARDS;

export type { IdCardReaderOptions } from '../../../devices/id-card-reader';

export type IdCardEvent =
  | { kind: 'placed'; at: number }
  | { kind: 'read'; record: IdCardRecord; at: number }
  | { kind: 'removed'; at: number }
  | { kind: 'failed'; error: DeviceError; at: number };

/** The ID card reader's commands: physical outcomes (a card placed, read, lifted), not bytes sent. */
export interface IdCardCommands {
  /** Waits for a card (a card already read and still lying there is returned at once) and reads it. */
  read(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<IdCardRecord>;
  /** Every card placed, read, lifted or failed, as it happens. */
  watch(listener: (e: IdCardEvent) => void): () => void;
  card(): CardPresence;
  /** Resolves once the card is lifted; `userAction`/`cardNotRemoved` when it is still there after `timeoutMs`. */
  waitRemoved(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<void>;
  /** Asks the SAM module for a fresh self-test (diagnostics). */
  checkSam(signal?: AbortSignal): Promise<void>;
}

/** Drives a simulated reader as a citizen would: place a card (one of the samples or any card file), lift it. */
export interface IdCardSimulatorControl {
  readonly simulator: IdCardReaderSimulator;
  place(card: SampleCardName | SimulatedCard): void;
  remove(): void;
  setFault(fault: SimulatorFault, on: boolean | number): void;
  readonly cardPlaced: boolean;
}

/** Builds the simulator side (host link or a pty of `yizhan sim idcard`). Throws on an invalid card. */
export function createIdCardSimulator(
  opts: IdCardSimulatorOptions & { card?: SampleCardName | SimulatedCard | undefined },
): IdCardSimulatorControl {
  const { card, ...simOpts } = opts;
  const sim = new IdCardReaderSimulator(simOpts);
  const control: IdCardSimulatorControl = {
    simulator: sim,
    place(c) {
      const parsed = simulatedCardSchema.safeParse(typeof c === 'string' ? SAMPLE_CARDS[c] : c);
      if (!parsed.success)
        throw new Error(
          `invalid card: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      sim.placeCard(parsed.data);
    },
    remove: () => sim.removeCard(),
    setFault: (f, on) => sim.setFault(f, on),
    get cardPlaced() {
      return sim.cardPlaced;
    },
  };
  if (card !== undefined) control.place(card);
  return control;
}

/**
 * A card as a technician may see it without `--reveal`: name and numbers masked, photo, address and
 * birth date left out (the masked ID number hides the birth date too).
 */
export function maskedIdCard(r: IdCardRecord): Record<string, unknown> & { name: string; idNumber: string } {
  return {
    cardType: r.cardType,
    name: maskName(r.name),
    ...(r.nameEn !== undefined ? { nameEn: maskName(r.nameEn) } : {}),
    gender: r.gender,
    idNumber: maskIdNumber(r.idNumber),
    idNumberValid: r.idNumberValid,
    ...(r.authority !== undefined ? { authority: r.authority } : {}),
    validFrom: r.validFrom,
    validTo: r.validTo,
    ...(r.nationality !== undefined ? { nationality: r.nationality } : {}),
    ...(r.passNumber !== undefined ? { passNumber: maskIdNumber(r.passNumber) } : {}),
    ...(r.samId !== undefined ? { samId: r.samId } : {}),
    masked: true,
  };
}

export function idCardCondition(s: DeviceStatus<object>): DeviceCondition {
  switch (s.health) {
    case 'online':
    case 'userError':
      return 'ready';
    case 'busy':
      return 'busy';
    case 'noDevice':
    case 'powerOff':
      return 'notConnected';
    case 'hardwareError':
    case 'offline':
      return 'readerFault';
  }
}

export const idCardReader = defineFamily({
  family: idCardReaderManifest.family,
  roles: idCardReaderManifest.roles,
  transports: ['serial', 'simulated'],
  options: idCardReaderManifest.config,
  manifest: idCardReaderManifest,
  async build(spec, ctx): Promise<BuiltDevice<IdCardCommands, IdCardSimulatorControl, IdCardReaderDriver>> {
    const o = spec.options;
    const clock = ctx.clock ?? systemClock;
    let control: IdCardSimulatorControl | undefined;
    const link = serialLink(spec, ctx, 115200, () => {
      control = createIdCardSimulator({
        baudRate: 115200,
        rfReadDelayMs: o.simulator?.rfDelayMs ?? 20,
        card: o.simulator?.card,
        logger: ctx.log.child({ role: 'simulator' }),
        clock,
      });
      const sim = control.simulator;
      return { attach: (wire) => sim.attach(wire), onReplug: (wire) => void sim.attach(wire) };
    });
    await link.open();
    const driver = new IdCardReaderDriver(
      link.transport,
      {
        deviceId: spec.id,
        ...(o.baudRates ? { baudRates: o.baudRates } : {}),
        ...(o.readFingerprint !== undefined ? { readFingerprint: o.readFingerprint } : {}),
        ...(o.readExtraAddress !== undefined ? { readExtraAddress: o.readExtraAddress } : {}),
        // A technician's command reports a silent reader at once instead of after the kiosk's debounce.
        ...(ctx.mode === 'oneShot' ? { supervisor: { initialBackoffMs: 200, maxBackoffMs: 1000 } } : {}),
      },
      ctx.log,
      clock,
    );
    driver.start();
    const commands = idCardCommands(driver, link.problem);
    return {
      id: spec.id,
      family: spec.family,
      ...statusOf(driver.status),
      condition: () => idCardCondition(driver.status.current),
      linkProblem: link.problem,
      commands,
      driver,
      ...simulatedParts(control, link),
      async stop() {
        await driver.stop();
        link.dispose();
      },
    };
  },
  selfTests: (device) => selfTestPlan(idCardChecks, device.driver!, device.driver!.clock),
  operate(sim, request) {
    if (request.kind === 'placeIdCard') sim.place('resident');
    else if (request.kind === 'removeIdCard') sim.remove();
    return Promise.resolve();
  },
});

function idCardCommands(driver: IdCardReaderDriver, problem: () => DeviceError | undefined): IdCardCommands {
  return {
    read(opts) {
      const p = problem();
      if (p) return Promise.reject(p);
      return driver.readOnce(opts);
    },
    watch(listener) {
      const offs = [
        driver.events.on('cardInserted', ({ at }) => listener({ kind: 'placed', at })),
        driver.events.on('cardRead', ({ record, at }) => listener({ kind: 'read', record, at })),
        driver.events.on('cardRemoved', ({ at }) => listener({ kind: 'removed', at })),
        driver.events.on('error', ({ error, at }) => listener({ kind: 'failed', error, at })),
      ];
      return () => offs.forEach((off) => off());
    },
    card: () => driver.card,
    waitRemoved: (opts) => driver.waitRemoved(opts),
    checkSam: (signal) => driver.checkSam(signal),
  };
}
