// The acceptance suite of every family against its simulator, built through the family as the host
// and `yizhan device <family> acceptance` build it: every self-test passes; with the matching fault
// switched on, the suite fails and names the check; with the fault cleared it passes again (the
// driver recovered without a restart). The same suite runs on a technician's bench against the
// real device (see main/cli/acceptance.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { BuiltDevice } from '../../../main/device-host/families/types';
import { accept, FAMILY_NAMES, FAULTS, simulated as build } from '../../helpers/device-faults';

const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-acceptance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let device: BuiltDevice | undefined;
afterEach(async () => {
  await device?.stop();
  device = undefined;
});

/** Builds the family and remembers it, so afterEach stops it whatever the test does. */
async function simulated(name: (typeof FAMILY_NAMES)[number]) {
  const s = await build(name, dir);
  device = s.device;
  return s;
}

describe('every family passes its acceptance suite against its simulator', () => {
  it.each(FAMILY_NAMES)('%s', async (name) => {
    const { family, device: d, clock } = await simulated(name);
    const r = await accept(family, d, clock);
    expect(r.failed).toEqual([]);
    expect(r.ids).toEqual(family.manifest.selfTests.map((t) => t.id));
    expect(r.passed).toBe(true);
  });
});

describe('with the matching fault on, the suite fails and names the check; cleared, it passes again', () => {
  const cases = FAMILY_NAMES.flatMap((name) => FAULTS[name].map((c) => [name, c.fault, c] as const));
  it.each(cases)('%s: %s', async (name, _fault, c) => {
    const { family, device: d, clock } = await simulated(name);
    await c.on(d);
    const faulty = await accept(family, d, clock, c.operator?.(family, d));
    expect(faulty.passed).toBe(false);
    expect(faulty.failed).toEqual(c.fails);
    await c.off(d);
    const again = await accept(family, d, clock);
    expect(again.failed).toEqual([]);
  });
});
