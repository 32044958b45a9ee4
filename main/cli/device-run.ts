// What every `yizhan device …` command shares: the device is built through its family (the same
// wiring as the kiosk's, in one-shot mode: a port that cannot be opened fails at once with the OS's
// reason), and a failure leaves in one shape.
import type { DeviceError } from '../../devices/core';
import type { BuiltDevice, DriverFace, FamilyDefinition } from '../device-host/families/types';
import type { TransportConfig } from '../config/host-config';
import { printJsonError, UsageError } from './command';

/** Builds one device for a technician's command; invalid options are a usage error (exit 2). */
export async function buildDevice<O, C, S, D extends DriverFace>(
  family: FamilyDefinition<O, C, S, D>,
  id: string,
  transport: TransportConfig,
  options: unknown,
  extra: { statusOnly?: boolean } = {},
): Promise<BuiltDevice<C, S, D>> {
  const parsed = family.options.safeParse(options);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const { silentLogger } = await import('../../devices/core');
  return family.build(
    { id, family: family.family, transport, options: parsed.data },
    { log: silentLogger, mode: 'oneShot', ...(extra.statusOnly ? { statusOnly: true } : {}) },
  );
}

/** Prints a device failure (JSON on stdout, or a line on stderr) and returns exit code 1. */
export function reportFailure(e: DeviceError, json: boolean, label: string): number {
  if (json) return printJsonError(e.code, e.message, e.detail !== undefined ? { detail: e.detail } : {});
  process.stderr.write(`${label}: ${e.code}${e.detail ? ` (${e.detail})` : ''}: ${e.message}\n`);
  return 1;
}
