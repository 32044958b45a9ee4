import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../devices/core';
import { PcscReaderDriver, type CardProfile, type PcscCardSimulator } from '../../../devices/pcsc-reader';
import { PcscTransport } from '../../../devices/transports/pcsc';
import { ensurePcscd, type PrivatePcscd } from '../../helpers/pcsc';
import { loadProfile, virtualCard, waitUntil } from '../../helpers/pcsc-cards';

/** The driver over the real stack: @pokusew/pcsclite → pcscd → vpcd → virtual card over TCP. */
let pcscd: PrivatePcscd;
let transport: PcscTransport;
let driver: PcscReaderDriver;
let log: MemoryLogger;
let card: PcscCardSimulator | undefined;

const VERIFY = 0x20;

beforeAll(async () => {
  pcscd = ensurePcscd();
  log = new MemoryLogger();
  transport = new PcscTransport({ socketPath: pcscd.socketPath, log });
  driver = new PcscReaderDriver(transport, { deviceId: 'card-reader-1', reader: pcscd.readers[0] }, log);
  driver.start();
  await waitUntil(() => transport.readers().includes(pcscd.readers[0]), 10_000, 'vpcd readers');
});

afterEach(async () => {
  if (card?.inserted) await card.remove();
  await waitUntil(() => driver.status.current.detail.card === 'absent', 5_000, 'card absent');
  card = undefined;
});

afterAll(async () => {
  await driver.stop();
  await transport.close();
  pcscd.stop();
});

async function insert(profile: CardProfile): Promise<PcscCardSimulator> {
  card = virtualCard(pcscd, profile);
  await card.insert();
  return card;
}

describe('PC/SC card reader over real pcscd + vpcd', () => {
  it('reports online with the reader and card presence as health', async () => {
    expect(driver.status.current).toMatchObject({
      health: 'online',
      detail: { reader: pcscd.readers[0], card: 'absent' },
    });
    await insert(loadProfile('ssc-gen1'));
    await waitUntil(() => driver.status.current.detail.card === 'present', 5_000, 'card present');
  });

  it.each([
    [
      'ssc-gen1',
      {
        cardVersion: '1.00',
        gender: 'male',
        idNumber: '11010519491231002X',
        name: '张晓明',
        cardNumber: 'A01234567',
        areaCode: '110105',
        issueDate: '2010-06-01',
        expiryDate: '2020-06-01',
      },
    ],
    [
      'ssc-gen2',
      {
        cardVersion: '2.00',
        gender: 'female',
        idNumber: '440305199003071236',
        name: '李华',
        cardNumber: 'B12345678',
      },
    ],
    [
      'ssc-gen3',
      {
        cardVersion: '3.00',
        gender: 'female',
        idNumber: '320102198811230459',
        name: '欧阳娜娜',
        expiryDate: null,
      },
    ],
  ])('reads social security card %s, never sending VERIFY', async (name, expected) => {
    const c = await insert(loadProfile(name));
    const result = await driver.readCard({ timeoutMs: 10_000 });
    expect(result).toMatchObject({ kind: 'socialSecurity', warnings: [], ...expected });
    expect(c.card.commandLog.length).toBe(10);
    expect(c.card.commandLog.filter((cmd) => cmd.ins === VERIFY)).toEqual([]);
    expect(JSON.stringify(log.lines)).not.toContain(expected.idNumber);
  });

  it('reads a UnionPay debit card (PPSE, PDOL, GPO format 1, AFL records)', async () => {
    const c = await insert(loadProfile('unionpay-debit'));
    const result = await driver.readCard({ timeoutMs: 10_000 });
    expect(result).toEqual({
      kind: 'bank',
      pan: '6222021234567890128',
      expiry: '2030-12',
      aid: 'A000000333010101',
      label: 'UnionPay Debit',
    });
    expect(c.card.lastGpoData?.length).toBe(33);
    expect(JSON.stringify(log.lines)).not.toContain('6222021234567890128');
  });

  it('reads a contact-only UnionPay credit card (PSE records, GPO format 2, Track 2 equivalent)', async () => {
    await insert(loadProfile('unionpay-credit-contact'));
    expect(await driver.readCard({ timeoutMs: 10_000 })).toMatchObject({
      kind: 'bank',
      pan: '6258070012345673',
      expiry: '2028-06',
      aid: 'A000000333010102',
    });
  });

  it('rejects an unknown card as unsupported/wrongCard', async () => {
    await insert(loadProfile('unknown-card'));
    await expect(driver.readCard({ timeoutMs: 10_000 })).rejects.toMatchObject({
      name: 'DeviceError',
      code: 'unsupported',
      detail: 'wrongCard',
    });
  });

  it('rejects a card with the wrongCard fault (every SELECT answers 6A82)', async () => {
    await insert({ ...loadProfile('ssc-gen1'), faults: { wrongCard: true } });
    await expect(driver.readCard({ timeoutMs: 10_000 })).rejects.toMatchObject({
      code: 'unsupported',
      detail: 'wrongCard',
    });
  });

  it('recovers from 6Cxx and 61xx answers', async () => {
    const c = await insert({
      ...loadProfile('ssc-gen2'),
      faults: { answer6Cxx: true, answer61xx: { chunk: 8 } },
    });
    expect(await driver.readCard({ timeoutMs: 10_000 })).toMatchObject({
      kind: 'socialSecurity',
      name: '李华',
    });
    const ins = c.card.commandLog.map((cmd) => cmd.ins);
    expect(ins.filter((i) => i === 0xc0).length).toBeGreaterThan(9);
    const firstRead = ins.indexOf(0xb2);
    expect(c.card.commandLog[firstRead + 1]).toMatchObject({
      ins: 0xb2,
      p1: c.card.commandLog[firstRead]!.p1,
    });
  });

  it('reports a card pulled mid-read as noMedia/cardRemoved', async () => {
    const c = await insert({
      ...loadProfile('unionpay-debit'),
      faults: { pulledMidRead: { afterApdus: 4 } },
    });
    await expect(driver.readCard({ timeoutMs: 10_000 })).rejects.toMatchObject({
      code: 'noMedia',
      detail: 'cardRemoved',
    });
    expect(c.inserted).toBe(false);
  });

  it('waits for the card to be physically removed', async () => {
    const c = await insert(loadProfile('ssc-gen1'));
    await driver.readCard({ timeoutMs: 10_000 });
    await expect(driver.waitForRemoval({ timeoutMs: 600 })).rejects.toMatchObject({
      code: 'userAction',
      detail: 'cardNotRemoved',
    });
    const removed = driver.waitForRemoval({ timeoutMs: 5_000 });
    await c.remove();
    await removed;
    expect(driver.status.current.detail.card).toBe('absent');
  });

  it('goes noDevice when pcscd stops, and reads again once it is back', async () => {
    pcscd.stopDaemon();
    await waitUntil(() => driver.status.current.health === 'noDevice', 5_000, 'noDevice');
    expect(transport.readers()).toEqual([]);
    pcscd.startDaemon();
    await waitUntil(() => driver.status.current.health === 'online', 15_000, 'online again');
    await insert(loadProfile('ssc-gen3'));
    expect(await driver.readCard({ timeoutMs: 10_000 })).toMatchObject({
      kind: 'socialSecurity',
      cardVersion: '3.00',
    });
  });
});
