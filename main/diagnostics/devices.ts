// Every configured device as a technician sees it (live status, transport, model and firmware where
// the protocol gives them, counters, last errors, self-tests), and the self-tests run through the
// real driver (the family's selfTestPlan). All of it comes from the driver's redacted diagnostics().
import { redact, type Clock, type Operator, type OperatorRequest } from '../../devices/core';
import { simulatorOperator } from '../device-host/acceptance';
import { familyOf } from '../device-host/families';
import type { BuiltDevice, SelfTestParams } from '../device-host/families/types';
import type { DeviceRole } from '../config/roles';
import type { TransportConfig } from '../config/host-config';
import type { DiagDevice, OperatorPrompt, SelfTestResultDto, SelfTestRun } from '../ipc/contract/diagnostics';

export interface ConfiguredDevice {
  device: BuiltDevice;
  roles: readonly DeviceRole[];
  transport: TransportConfig;
}

/** How long a self-test waits for the technician to do what it asked (place a card, take the slip). */
export const OPERATOR_PATIENCE_MS = 60_000;

const text = (v: unknown): string | null =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : null;

export function describeDevice(c: ConfiguredDevice, traceUntil?: number): DiagDevice {
  const { device } = c;
  const family = familyOf(device.family);
  const status = device.status();
  const d = device.driver?.diagnostics();
  const identity = d?.identity ?? {};
  const simulated = device.simulator !== undefined || device.link !== undefined;
  return {
    deviceId: device.id,
    family: device.family,
    roles: [...c.roles],
    transport: { kind: c.transport.kind, link: d?.link ?? linkOf(c.transport) },
    health: status.health,
    condition: device.condition(),
    changedAt: status.changedAt,
    // The protocol's own words where it has them; the configured profile or reader name otherwise.
    model: text(identity.model ?? identity.profile ?? identity.reader),
    firmware: text(identity.firmware),
    identity,
    counters: d?.counters ?? {},
    recentErrors: d?.recentErrors ?? (status.lastError ? [redact({ ...status.lastError })] : []),
    selfTests: family ? family.manifest.selfTests.map(({ id, title, kind }) => ({ id, title, kind })) : [],
    simulated,
    ...(traceUntil !== undefined ? { traceUntil } : {}),
  };
}

function linkOf(t: TransportConfig): string {
  switch (t.kind) {
    case 'serial':
      return `serial:${t.path}${t.baudRate ? `@${t.baudRate}` : ''}`;
    case 'spooler':
      return `spooler:${t.queue}`;
    case 'pcsc':
      return `pcsc:${t.reader ?? '*'}`;
    case 'hid':
      return t.path ? `hid:${t.path}` : `hid:${t.vendorId?.toString(16)}:${t.productId?.toString(16)}`;
    case 'camera':
      return `camera:${t.label ?? '*'}`;
    case 'simulated':
      return 'simulated';
  }
}

/**
 * Runs the chosen self-tests of one device through its family's plan, in the family's order. The
 * technician is told each request (`prompt`); on a simulated device the simulator also does it, as
 * in CI, so a technician demonstrating the kiosk sees every test pass or fail for real reasons.
 */
export async function runDeviceSelfTests(
  c: ConfiguredDevice,
  opts: {
    tests?: readonly string[];
    params: SelfTestParams;
    clock: Clock;
    prompt: (p: OperatorPrompt) => void;
    onResult: (r: SelfTestResultDto) => void;
    signal?: AbortSignal;
  },
): Promise<SelfTestRun> {
  const family = familyOf(c.device.family);
  if (!family) throw new Error(`unknown family ${c.device.family}`);
  const plan = family.selfTests(c.device, opts.params);
  const unknown = opts.tests?.filter((t) => !plan.tests.some((x) => x.id === t)) ?? [];
  if (unknown.length) throw new UnknownSelfTest(unknown);
  // The tests run in the plan's order; the one asking is the first without a result yet.
  const order = plan.tests.map((t) => t.id).filter((id) => !opts.tests || opts.tests.includes(id));
  const results: SelfTestResultDto[] = [];
  const stand = c.device.simulator !== undefined ? simulatorOperator(family, c.device) : undefined;
  const patienceMs = stand?.patienceMs ?? OPERATOR_PATIENCE_MS;
  const operator: Operator = {
    patienceMs,
    async ask(request: OperatorRequest) {
      const testId = order[results.length] ?? '';
      opts.prompt({ deviceId: c.device.id, testId, request, until: opts.clock.now() + patienceMs });
      await stand?.ask(request);
    },
  };
  const startedAt = opts.clock.now();
  await plan.run({
    operator,
    ...(opts.tests ? { only: opts.tests } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    onResult: (r) => {
      const dto: SelfTestResultDto = {
        id: r.id,
        title: r.title,
        kind: r.kind,
        outcome: r.outcome,
        ...(r.key ? { key: r.key } : {}),
        ...(r.data ? { data: r.data } : {}),
        ms: r.ms,
      };
      results.push(dto);
      opts.onResult(dto);
    },
  });
  return { deviceId: c.device.id, results, startedAt, finishedAt: opts.clock.now() };
}

export class UnknownSelfTest extends Error {
  constructor(readonly ids: string[]) {
    super(`unknown self-test ${ids.join(', ')}`);
  }
}
