import { afterEach, describe, expect, it } from 'vitest';
import { SIMULATOR_FACTORY_ZONES } from '../../../devices/scanner';
import { startScannerRig, type ScannerRig } from '../../helpers/scanner-rig';

const WANGZHENG = 'CTID://网证/一码办?n=张*丰&id=110105********1234&t=20261123';

let rig: ScannerRig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

describe('serial scanner driver ↔ GM65 simulator over a socat pty', () => {
  it('configures sensing mode, CRLF and UTF-8 by read-modify-write, reads each back, saves, and keeps other bits', async () => {
    rig = await startScannerRig();
    const { changedZones } = await rig.clock.run(rig.driver.configure());
    expect(changedZones).toEqual([0x0000, 0x0060, 0x000d]);
    expect(rig.sim.zones[0x0000]).toBe((SIMULATOR_FACTORY_ZONES[0x0000]! & ~0b11) | 0b11);
    expect(rig.sim.zones[0x0060]).toBe((SIMULATOR_FACTORY_ZONES[0x0060]! & ~0b0110_0000) | 0b0010_0000);
    expect(rig.sim.zones[0x000d]).toBe((SIMULATOR_FACTORY_ZONES[0x000d]! & ~0b1100) | 0b0100);
    expect(rig.sim.flash).toEqual(rig.sim.zones);
    expect(rig.sim.commands.map((c) => c.type)).toEqual([
      ...['read', 'write', 'read'],
      ...['read', 'write', 'read'],
      ...['read', 'write', 'read'],
      'save',
    ]);
    expect([rig.sim.mode, rig.sim.terminator, rig.sim.encoding]).toEqual(['sensing', 'crlf', 'utf8']);
    expect(rig.driver.status.current).toMatchObject({
      health: 'online',
      detail: { configured: true, settingsApplied: true },
    });
    // a second start-up finds everything set and writes nothing (no flash wear)
    expect((await rig.clock.run(rig.driver.configure())).changedZones).toEqual([]);
  });

  it('emits scans with Chinese text in UTF-8 and a receipt tracking code', async () => {
    rig = await startScannerRig();
    const r = rig;
    await r.clock.run(r.driver.configure());
    await r.clock.run(r.sim.scan(WANGZHENG));
    await r.clock.run(r.sim.scan('SF1234567890'));
    await r.clock.until(() => r.scans.length === 2);
    expect(rig.scans).toEqual([
      { text: WANGZHENG, symbology: 'unknown' },
      { text: 'SF1234567890', symbology: 'unknown' },
    ]);
    expect(JSON.stringify(rig.log.lines)).not.toContain('张');
  });

  it('decodes GBK when the kiosk keeps the factory encoding, with AIM identifiers', async () => {
    rig = await startScannerRig({
      config: { encoding: 'gbk', aimPrefix: true, terminator: 'cr' },
      sim: { aimPrefix: true },
    });
    const r = rig;
    await r.clock.run(r.driver.configure());
    expect(r.sim.encoding).toBe('gbk');
    await r.clock.run(r.sim.scan(WANGZHENG, { aim: ']Q1' }));
    await r.clock.run(r.sim.scan('SF1234567890', { aim: ']C0' }));
    await r.clock.until(() => r.scans.length === 2);
    expect(rig.scans).toEqual([
      { text: WANGZHENG, symbology: 'qr' },
      { text: 'SF1234567890', symbology: 'code128' },
    ]);
  });

  it('ends a scan on inter-byte silence when no terminator is configured', async () => {
    rig = await startScannerRig({ config: { terminator: 'none', interByteTimeoutMs: 60 } });
    const r = rig;
    await r.clock.run(r.driver.configure());
    expect(r.sim.terminator).toBe('none');
    await r.clock.run(r.sim.scan('一码办'));
    // 59 ms of silence is not yet the end of the code; 60 ms is.
    await r.clock.advance(59);
    expect(r.scans).toEqual([]);
    await r.clock.advance(1);
    expect(r.scans.map((s) => s.text)).toEqual(['一码办']);
    await r.clock.run(r.sim.scan('ABC'));
    await r.clock.until(() => r.scans.length === 2);
    expect(rig.scans.map((s) => s.text)).toEqual(['一码办', 'ABC']);
  });

  // 网证 in GBK (CD F8 D6 A4) with CR LF, from the code tables, not from the code under test.
  const WANGZHENG_GBK_CRLF = Uint8Array.of(0xcd, 0xf8, 0xd6, 0xa4, 0x0d, 0x0a);

  it('reads a module that acknowledges UTF-8 and CR LF but keeps GBK and CR: the read-back tells, the codes still read right', async () => {
    rig = await startScannerRig();
    const r = rig;
    r.sim.ignoresSettings = true;
    const outcome = await r.clock.run(r.driver.configure());
    expect(outcome.notApplied).toEqual(['mode', 'terminator', 'encoding']);
    expect([r.sim.encoding, r.sim.terminator]).toEqual(['gbk', 'cr']);
    expect(r.driver.status.current).toMatchObject({
      health: 'online',
      detail: { configured: true, settingsApplied: false },
    });
    expect(r.log.lines.find((l) => l.event === 'scanner.settingsNotKept')?.fields).toMatchObject({
      fields: ['mode', 'terminator', 'encoding'],
    });
    await r.clock.run(r.sim.scan(WANGZHENG));
    await r.clock.run(r.sim.scan('SF1234567890'));
    await r.clock.until(() => r.scans.length === 2);
    expect(r.scans.map((x) => x.text)).toEqual([WANGZHENG, 'SF1234567890']);
  });

  it('reads GBK with CR LF from a module whose zones say UTF-8 (a firmware that ignores them)', async () => {
    rig = await startScannerRig();
    const r = rig;
    await r.clock.run(r.driver.configure());
    expect(r.driver.status.current.detail.settingsApplied).toBe(true);
    r.sim.sendsAs = { encoding: 'gbk', terminator: 'crlf' };
    await r.clock.run(r.sim.scan('网证'));
    await r.clock.until(() => r.scans.length === 1);
    expect(r.scans[0]!.text).toBe('网证');
    expect(r.log.lines.find((l) => l.event === 'scanner.scan')?.fields).toMatchObject({
      encoding: 'gb18030',
    });
    // The same bytes written as they would leave the module, independently of the simulator.
    await r.clock.run(r.sim.send(WANGZHENG_GBK_CRLF));
    await r.clock.until(() => r.scans.length === 2);
    expect(r.scans[1]!.text).toBe('网证');
  });

  it('keeps a code presented while it waits for a configuration reply', async () => {
    rig = await startScannerRig();
    const r = rig;
    const configuring = r.driver.configure();
    // A code held up while the module is being configured arrives among the replies.
    await r.clock.until(() => r.sim.commands.length === 1);
    await r.clock.run(r.sim.scan('SF1234567890'));
    await r.clock.run(configuring);
    await r.clock.until(() => r.scans.length === 1);
    expect(r.scans).toEqual([{ text: 'SF1234567890', symbology: 'unknown' }]);
    expect(r.driver.status.current.detail.configured).toBe(true);
  });

  it('fails configure with noDevice health when the scanner does not answer', async () => {
    rig = await startScannerRig({ config: { replyTimeoutMs: 150 } });
    rig.sim.silent = true;
    await expect(rig.clock.run(rig.driver.configure())).rejects.toMatchObject({ code: 'timeout' });
    expect(rig.driver.status.current.health).toBe('noDevice');
  });

  it('fails configure as rejected when a zone write is refused', async () => {
    rig = await startScannerRig();
    rig.sim.rejectWrites = true;
    await expect(rig.clock.run(rig.driver.configure())).rejects.toMatchObject({
      code: 'rejected',
      detail: 'zoneWriteRejected',
    });
    expect(rig.driver.status.current.health).toBe('hardwareError');
  });

  it('goes noDevice when the cable is pulled (both pty ends vanish)', async () => {
    rig = await startScannerRig();
    const r = rig;
    await r.clock.run(r.driver.configure());
    expect(r.driver.status.current.health).toBe('online');
    await r.clock.run(r.sim.scan('SF12')); // a complete code
    await r.clock.until(() => r.scans.length === 1);
    const lost = new Promise<void>((resolve) =>
      r.driver.status.subscribe((s) => s.health === 'noDevice' && resolve()),
    );
    await r.pty.close();
    // The pull arrives from the kernel: no clock time is involved.
    await lost;
    expect(rig.driver.status.current).toMatchObject({
      detail: { configured: false },
      lastError: { code: 'notConnected', detail: 'linkClosed' },
    });
    expect(rig.log.lines.some((l) => l.event === 'scanner.linkLost')).toBe(true);
  });
});
