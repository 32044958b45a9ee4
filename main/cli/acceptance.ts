// `yizhan device <family> acceptance`: the family's acceptance suite (main/device-host/acceptance.ts)
// against one real device on a technician's bench, through the same family builder as the kiosk.
// One line per check (PASS / WARN / FAIL with what to fix), exit 1 when any check failed: what a
// hardware supplier's test report quotes.
import type { SelfTestResult } from '../../devices/core';
import type { TransportConfig } from '../config/host-config';
import type { FamilyDefinition, SelfTestParams } from '../device-host/families/types';
import {
  intOption,
  printJson,
  stringOption,
  UsageError,
  type CliCommand,
  type CliOptions,
  type CliValues,
} from './command';

export interface AcceptanceCommandSpec {
  /** The word after `device`, e.g. 'idcard'. */
  word: string;
  /** What the device is, for the summary line (Chinese / English). */
  what: string;
  family: () => Promise<FamilyDefinition>;
  /** How the device is reached, from the command's options. */
  transport(values: CliValues): TransportConfig;
  /** The family's options, from the command's options. */
  options?(values: CliValues): Record<string, unknown>;
  /** The locker door to open and the like. */
  params?(values: CliValues): SelfTestParams;
  linkOptions: CliOptions;
  extraOptions?: CliOptions;
  usage: string;
}

const MARK = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' } as const;

export function acceptanceCommand(spec: AcceptanceCommandSpec): CliCommand {
  return {
    path: ['device', spec.word, 'acceptance'],
    summary: `Run the acceptance suite against a real ${spec.what} / 验收测试`,
    usage: `device ${spec.word} acceptance ${spec.usage} [--patience-ms 60000] [--json]`,
    details:
      "Runs every self-test of the family in order through the kiosk's own driver, asking the person at\n" +
      'the bench for what the tests need (place a card, close a door, scan a code) on stderr. One line\n' +
      'per check: PASS, WARN (serves, worth a look) or FAIL with the reason key; exit 1 when any failed.\n' +
      'The same suite runs against the simulator in CI (tests/integration/device-host/acceptance.test.ts).',
    options: {
      ...spec.linkOptions,
      ...spec.extraOptions,
      'patience-ms': {
        type: 'string',
        value: 'MS',
        help: 'How long a check waits for the person to do what it asked (default 60000)',
      },
      json: {
        type: 'boolean',
        help: 'One JSON line per check, then {"passed":…}; failures to open as {"error":…}',
      },
    },
    async run(values, _positionals, signal) {
      const json = values.json === true;
      const patienceMs = intOption(values, 'patience-ms', 60_000);
      if (patienceMs <= 0) throw new UsageError('--patience-ms must be a positive integer');
      const [family, { toDeviceError }, { benchOperator, runAcceptance }, { buildDevice, reportFailure }] =
        await Promise.all([
          spec.family(),
          import('../../devices/core'),
          import('../device-host/acceptance'),
          import('./device-run'),
        ]);
      const deviceId = `${spec.word}-under-test`;
      let device;
      try {
        device = await buildDevice(family, deviceId, spec.transport(values), spec.options?.(values) ?? {});
      } catch (err) {
        if (err instanceof UsageError) throw err;
        return reportFailure(
          toDeviceError(err, { deviceId, command: 'open' }, signal),
          json,
          `${spec.what} 错误`,
        );
      }
      const print = (r: SelfTestResult) => {
        if (json) return printJson(r);
        const why = r.key ? `  ${r.key}` : '';
        const data = r.data ? `  ${JSON.stringify(r.data)}` : '';
        process.stdout.write(
          `${MARK[r.outcome]}  ${r.id.padEnd(24)} ${String(r.ms).padStart(6)} ms${why}${data}\n`,
        );
      };
      try {
        const report = await runAcceptance(family, device, {
          operator: benchOperator((line) => process.stderr.write(`>> ${line}\n`), patienceMs),
          params: spec.params?.(values) ?? {},
          signal,
          onResult: print,
        });
        const failed = report.results.filter((r) => r.outcome === 'fail').map((r) => r.id);
        if (json) printJson({ passed: report.passed, failed, diagnostics: device.driver?.diagnostics() });
        else
          process.stdout.write(
            report.passed
              ? `验收通过 / acceptance passed: ${report.results.length} checks\n`
              : `验收未通过 / acceptance FAILED: ${failed.join(', ')}\n`,
          );
        return report.passed ? 0 : 1;
      } finally {
        await device.stop();
      }
    },
  };
}

/** --port and --baud, for a device on a serial port. */
export const serialOptions = (defaultBaud: string): CliOptions => ({
  port: { type: 'string', value: 'PATH', help: 'Serial port of the device, e.g. /dev/ttyUSB0 (required)' },
  baud: { type: 'string', value: 'N', help: `Line rate (default ${defaultBaud})` },
});

export function serialTransport(values: CliValues): TransportConfig {
  const path = stringOption(values, 'port');
  if (!path) throw new UsageError('--port is required');
  const baud = values.baud === undefined ? undefined : intOption(values, 'baud', 0);
  if (baud !== undefined && baud <= 0) throw new UsageError('--baud must be a positive integer');
  return { kind: 'serial', path, ...(baud !== undefined ? { baudRate: baud } : {}) };
}
