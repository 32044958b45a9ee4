import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { testClock } from '../../tests/helpers/clock';
import { testGlyphs } from '../../tests/helpers/escpos-font';
import { acceptanceReceipt } from '../../tests/helpers/escpos-samples';
import { pngDifference } from '../../tests/helpers/png-diff';
import { memoryPair, type MemoryEnd } from '../transports';
import { encodeReceipt, PROFILES, realtimeStatus, type PrinterProfile } from './protocol';
import { EscposPrinterSimulator, type SimulatedReceipt } from './simulator';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const UPDATE = process.env.UPDATE_ESCPOS_GOLDEN === '1';

let ends: MemoryEnd[] = [];
let sim: EscposPrinterSimulator | undefined;

async function setup(profile: PrinterProfile) {
  const [host, device] = memoryPair('printer');
  ends = [host, device];
  await host.open();
  await device.open();
  const clock = testClock();
  sim = new EscposPrinterSimulator(device, { profile, glyphs: testGlyphs(), baudRate: 0, clock });
  const replies: number[] = [];
  host.onData((c) => replies.push(...c));
  const next = () => new Promise<SimulatedReceipt>((resolve) => sim!.onReceipt(resolve));
  /** The next `n` reply bytes, once they have all arrived. */
  const read = async (n: number) => {
    await clock.until(() => replies.length >= n);
    return replies.splice(0, n);
  };
  return { host, sim, replies, next, read, clock };
}

afterEach(async () => {
  sim?.dispose();
  for (const e of ends) await e.close();
});

/** Compares a PNG with the committed golden image pixel by pixel; UPDATE_ESCPOS_GOLDEN=1 rewrites it. */
function expectGolden(png: Uint8Array, name: string) {
  const file = new URL(name, FIXTURES);
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE)
      throw new Error(`missing golden ${name}: run with UPDATE_ESCPOS_GOLDEN=1 and review the image`);
    mkdirSync(FIXTURES, { recursive: true });
    writeFileSync(file, png);
  }
  const { gotSize, wantSize, differing } = pngDifference(png, readFileSync(file));
  expect(gotSize).toEqual(wantSize);
  expect(differing).toBe(0);
}

describe('EscposPrinterSimulator', () => {
  it('prints the 受理回执 to a PNG that matches the golden image, and a transcript', async () => {
    const { host, next } = await setup(PROFILES.kp628);
    const printed = next();
    await host.write(encodeReceipt(acceptanceReceipt(), PROFILES.kp628));
    const r = await printed;
    expect(r.interrupted).toBe(false);
    expect(r.transcript).toContain('受理回执');
    expect(r.transcript).toContain('[QR https://zwfw.example.gov.cn/q?no=SL2026112300042]');
    expectGolden(r.png, 'acceptance-receipt.kp628.png');
  });

  it('renders the raster fallback of the same receipt like the text-mode print', async () => {
    const { host, next } = await setup(PROFILES['raster-80']);
    const printed = next();
    await host.write(encodeReceipt(acceptanceReceipt(), PROFILES['raster-80'], { glyphs: testGlyphs() }));
    const r = await printed;
    expect(r.transcript).toMatch(/^\[RASTER 576x\d+\]/);
    expect(r.transcript).toContain('[CODE128 SL2026112300042]');
    expectGolden(r.png, 'acceptance-receipt.raster-80.png');
  });

  it('answers DLE EOT 1–4 from its state and switches faults at run time', async () => {
    const { host, sim, read, next } = await setup(PROFILES.kp628);
    const ask = async (n: 1 | 2 | 3 | 4) => {
      await host.write(realtimeStatus(n));
      return (await read(1))[0];
    };
    expect(await ask(4)).toBe(0x12);
    sim.setFaults({ paperNearEnd: true });
    expect(await ask(4)).toBe(0x1e);
    sim.setFaults({ paperOut: true });
    expect(await ask(4)).toBe(0x7e);
    expect(await ask(1)).toBe(0x1a);
    sim.setFaults({ paperOut: false, paperNearEnd: false, coverOpen: true });
    expect(await ask(2)).toBe(0x16);
    sim.setFaults({ coverOpen: false, notTaken: true });
    const printed = next();
    await host.write(
      encodeReceipt({ blocks: [{ kind: 'text', runs: [{ text: 'x' }] }, { kind: 'cut' }] }, PROFILES.kp628),
    );
    await printed;
    expect(await ask(1)).toBe(0x92);
    sim.takeReceipt();
    expect(await ask(1)).toBe(0x12);
  });

  it('stops mid-job when the paper runs out, discards the rest, and sends ASB when enabled', async () => {
    const { host, sim, replies, next, read, clock } = await setup(PROFILES['generic-80']);
    await host.write(Uint8Array.of(0x1d, 0x61, 0xff));
    expect(await read(4)).toEqual([0x10, 0x00, 0x00, 0x00]);
    sim.setFaults({ paperOutMidJob: { afterBytes: 120 } });
    const printed = next();
    await host.write(encodeReceipt(acceptanceReceipt(), PROFILES['generic-80']));
    const r = await printed;
    expect(r.interrupted).toBe(true);
    expect(r.transcript).not.toContain('[CUT]');
    expect(await read(4)).toEqual([0x18, 0x00, 0x0c, 0x00]);
    // Nothing more arrives: the rest of the job was discarded, and ASB sends changes only.
    await clock.advance(60_000);
    expect(replies).toEqual([]);
    expect(sim.receipts).toHaveLength(1);
  });
});
