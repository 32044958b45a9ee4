// The `diag` area of the page API answered from fixtures (test harness only): the real screens,
// without a host. The mode and the section come from the harness's query.
import type { DiagMode, Result } from '../../../../main/ipc/contract';
import type { DiagApi } from '../api';
import { CONFIG, DEVICES, HEALTH, LOGS, NOW, RESULTS, SUPPLIES, TRACE } from './fixtures';

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
const never = () => () => undefined;
const TECHNICIAN = { id: '1024', name: '王工' };

export function modeFor(screen: string): DiagMode {
  switch (screen) {
    case 'start':
      return { phase: 'off', outOfService: false };
    case 'pin':
      return {
        phase: 'pin',
        outOfService: false,
        trigger: 'gesture',
        attemptsLeft: 5,
        expiresAt: NOW + 120_000,
      };
    case 'locked':
      return { phase: 'locked', outOfService: false, until: NOW + 15 * 60_000 };
    case 'waiting':
      return {
        phase: 'waiting',
        outOfService: false,
        technician: TECHNICIAN,
        console: 'screen',
        since: NOW - 20_000,
        sessionEndsBy: NOW + 100_000,
      };
    case 'oos':
      return {
        phase: 'active',
        outOfService: true,
        technician: TECHNICIAN,
        console: 'cli',
        since: NOW,
        idleEndsAt: NOW + 600_000,
      };
    default:
      return {
        phase: 'active',
        outOfService: true,
        technician: TECHNICIAN,
        console: 'screen',
        since: NOW,
        idleEndsAt: NOW + 600_000,
      };
  }
}

export function fakeDiagApi(screen: string): DiagApi {
  const mode = modeFor(screen);
  return {
    state: () => ok(mode),
    request: () => ok(modeFor('pin')),
    pin: () => ok({ outcome: 'wrong', attemptsLeft: 2, mode: modeFor('pin') }),
    cancel: () => ok(modeFor('start')),
    exit: () => ok(modeFor('start')),
    devices: () => ok(DEVICES),
    runSelfTests: (input) =>
      ok({
        deviceId: input.deviceId,
        results: (RESULTS[input.deviceId] ?? []).filter((r) => !input.tests || input.tests.includes(r.id)),
        startedAt: NOW,
        finishedAt: NOW,
      }),
    health: () => ok(HEALTH),
    recheck: () => ok(HEALTH),
    supplies: () => ok(SUPPLIES),
    supply: () => ok(SUPPLIES),
    config: () => ok(CONFIG),
    validateConfig: () =>
      ok({
        valid: false,
        issues: [{ path: 'devices[0].transport.baudRate', message: 'expected one of 9600, 115200' }],
      }),
    applyConfig: () => ok({ applied: true, issues: [], view: CONFIG, restarted: ['id-reader-1'] }),
    rollbackConfig: () => ok({ applied: true, issues: [], view: CONFIG, restarted: ['id-reader-1'] }),
    logs: () => ok({ entries: LOGS, nextCursor: '1' }),
    trace: (input) => ok({ deviceId: input.deviceId, on: input.on, until: NOW + 10 * 60_000 }),
    readTrace: (input) =>
      ok({
        deviceId: input.deviceId,
        lines: TRACE[input.deviceId] ?? [],
        state: { deviceId: input.deviceId, on: true, until: NOW + 8 * 60_000 },
      }),
    exportTargets: () => ok([{ path: '/media/usb0', label: 'KINGSTON', freeBytes: 7_812 * 1024 * 1024 }]),
    exportBundle: () =>
      ok({
        fileName: 'yizhan-diag-hall-01-20261205T063000Z.tar.gz',
        bytes: 48_213,
        sha256: '9f2c4e1a7b3d5f6081726354a9b8c7d6e5f40312',
        path: '/media/usb0/yizhan-diag-hall-01-20261205T063000Z.tar.gz',
        contents: ['config.json', 'devices.json', 'logs.ndjson', 'traces/', 'versions.json'],
      }),
    onMode: never,
    onSelfTest: never,
    onOperator: never,
    onHealth: never,
  };
}
