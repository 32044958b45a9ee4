import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testClockAt } from '../../tests/helpers/clock';
import { DeviceError, Emitter, MemoryLogger, type CardChannel } from '../core';
import { PcscReaderDriver } from './driver';
import { INS } from './protocol/apdu';
import { CardSession, ForbiddenCommandError } from './session';
import { SimulatedCard } from './simulator/card';
import { parseCardProfile, parseFaultSwitches, type CardProfile } from './simulator/profile';

const READER = 'Test Reader 00';
const profile = (name: string): CardProfile =>
  parseCardProfile(JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')));

/** A CardChannel with a SimulatedCard behind it, in memory (the real pcscd path is in tests/integration). */
class MemoryChannel implements CardChannel {
  readonly describe = 'memory:pcsc';
  card: SimulatedCard | undefined;
  readonly events = new Emitter<{
    card: { reader: string; change: 'inserted' | 'removed'; atr?: Uint8Array };
    reader: { reader: string; change: 'attached' | 'detached' };
  }>();
  readers = () => [READER];
  cardPresent = () => this.card !== undefined;
  onReaderChange = (l: (e: { reader: string; change: 'attached' | 'detached' }) => void) =>
    this.events.on('reader', l);
  onCardChange = (l: (e: { reader: string; change: 'inserted' | 'removed'; atr?: Uint8Array }) => void) =>
    this.events.on('card', l);
  insert(p: CardProfile): SimulatedCard {
    this.card = new SimulatedCard(p);
    this.events.emit('card', { reader: READER, change: 'inserted', atr: this.card.atr });
    return this.card;
  }
  remove(): void {
    this.card = undefined;
    this.events.emit('card', { reader: READER, change: 'removed' });
  }
  connect = () => Promise.resolve(this.card?.atr ?? new Uint8Array(0));
  transmit = (_r: string, apdu: Uint8Array) => {
    if (!this.card)
      return Promise.reject(
        new DeviceError('noMedia', 'card removed', { deviceId: 'memory' }, { detail: 'cardRemoved' }),
      );
    return Promise.resolve(this.card.process(apdu));
  };
  disconnect = () => Promise.resolve();
  close = () => Promise.resolve();
}

function setup() {
  const channel = new MemoryChannel();
  const log = new MemoryLogger();
  const clock = testClockAt(Date.UTC(2026, 10, 23, 20, 0)); // 2026-11-24 04:00 in China
  const driver = new PcscReaderDriver(
    channel,
    { deviceId: 'card-1', randomBytes: (n) => new Uint8Array(n).fill(0x5a), removalGraceMs: 50 },
    log,
    clock,
  );
  driver.start();
  return { channel, driver, log, clock };
}

describe('PcscReaderDriver with a simulated card in memory', () => {
  it.each([
    [
      'ssc-gen1',
      {
        cardVersion: '1.00',
        generation: 1,
        gender: 'male',
        idNumber: '11010519491231002X',
        name: '张晓明',
        areaCode: '110105',
        issueDate: '2010-06-01',
        expiryDate: '2020-06-01',
        cardNumber: 'A01234567',
      },
    ],
    [
      'ssc-gen2',
      { cardVersion: '2.00', generation: 2, gender: 'female', idNumber: '440305199003071236', name: '李华' },
    ],
    ['ssc-gen3', { cardVersion: '3.00', generation: 3, name: '欧阳娜娜', expiryDate: null }],
  ])('reads a social security card (%s) without ever sending VERIFY', async (name, expected) => {
    const { channel, driver, log, clock } = setup();
    const card = channel.insert(profile(name));
    const result = await clock.run(driver.readCard({ timeoutMs: 2000 }));
    expect(result).toMatchObject({ kind: 'socialSecurity', warnings: [], ...expected });
    expect(card.commandLog.length).toBeGreaterThan(8);
    expect(card.commandLog.some((c) => c.ins === INS.verify)).toBe(false);
    const text = JSON.stringify(log.lines);
    if (result.kind === 'socialSecurity') {
      expect(text).not.toContain(result.idNumber);
      expect(text).not.toContain(result.name);
    }
  });

  it('flags an ID number that fails MOD 11-2 as a warning, not an error', async () => {
    const { channel, driver, clock } = setup();
    const p = profile('ssc-gen1');
    p.applications[0]!.records['6']!['1'] = [['08', { ascii: '110105194912310021' }]];
    channel.insert(p);
    expect(await clock.run(driver.readCard({ timeoutMs: 2000 }))).toMatchObject({
      idNumber: '110105194912310021',
      warnings: ['idNumber:checkDigit'],
    });
  });

  it('reads a UnionPay debit card: PPSE, PDOL-filled GPO format 1, AFL records; the PAN is masked in logs', async () => {
    const { channel, driver, log, clock } = setup();
    const card = channel.insert(profile('unionpay-debit'));
    const result = await clock.run(driver.readCard({ timeoutMs: 2000 }));
    expect(result).toEqual({
      kind: 'bank',
      pan: '6222021234567890128',
      expiry: '2030-12',
      aid: 'A000000333010101',
      label: 'UnionPay Debit',
    });
    // PDOL 9F66 9F02 9F03 9F1A 95 5F2A 9A 9C 9F37: date from the injected clock (China time), UN from the injected source.
    expect(Buffer.from(card.lastGpoData!).toString('hex').toUpperCase()).toBe(
      '36000000000000000001000000000000015600000000000156261124005A5A5A5A',
    );
    const text = JSON.stringify(log.lines);
    expect(text).not.toContain('6222021234567890128');
    expect(text).toContain('622202*********0128');
    expect(Object.keys(result)).not.toContain('track2');
  });

  it('reads a contact-only credit card through the PSE directory and GPO format 2, PAN from Track 2 equivalent', async () => {
    const { channel, driver, clock } = setup();
    channel.insert(profile('unionpay-credit-contact'));
    expect(await clock.run(driver.readCard({ timeoutMs: 2000 }))).toEqual({
      kind: 'bank',
      pan: '6258070012345673',
      expiry: '2028-06',
      aid: 'A000000333010102',
      label: 'UnionPay Credit',
    });
  });

  it('reads the bank application of a 3rd-generation card when asked for bank only', async () => {
    const { channel, driver, clock } = setup();
    channel.insert(profile('ssc-gen3'));
    expect(await clock.run(driver.readCard({ timeoutMs: 2000, kinds: ['bank'] }))).toMatchObject({
      kind: 'bank',
      pan: '6222021234567890128',
    });
  });

  it('reports an unknown card as unsupported/wrongCard', async () => {
    const { channel, driver, clock } = setup();
    channel.insert(profile('unknown-card'));
    await expect(clock.run(driver.readCard({ timeoutMs: 2000 }))).rejects.toMatchObject({
      code: 'unsupported',
      detail: 'wrongCard',
    });
  });

  it('treats the wrongCard fault (every SELECT 6A82) as unsupported/wrongCard', async () => {
    const { channel, driver, clock } = setup();
    channel.insert({ ...profile('ssc-gen3'), faults: parseFaultSwitches(['wrongCard']) });
    await expect(clock.run(driver.readCard({ timeoutMs: 2000 }))).rejects.toMatchObject({
      code: 'unsupported',
      detail: 'wrongCard',
    });
  });

  it('parses fault switches and rejects unknown ones', () => {
    expect(parseFaultSwitches(['answer6Cxx', 'answer61xx=16', 'pulledMidRead=4'])).toEqual({
      answer6Cxx: true,
      answer61xx: { chunk: 16 },
      pulledMidRead: { afterApdus: 4 },
    });
    expect(() => parseFaultSwitches(['eject'])).toThrow(/unknown fault/);
    expect(() => parseFaultSwitches(['answer61xx=0'])).toThrow();
  });

  it('handles 6Cxx (resend with the right Le) and 61xx (GET RESPONSE chains)', async () => {
    const { channel, driver, clock } = setup();
    const p = { ...profile('unionpay-debit'), faults: { answer6Cxx: true, answer61xx: { chunk: 7 } } };
    const card = channel.insert(p);
    expect(await clock.run(driver.readCard({ timeoutMs: 2000 }))).toMatchObject({
      pan: '6222021234567890128',
    });
    expect(card.commandLog.filter((c) => c.ins === INS.getResponse).length).toBeGreaterThan(10);
    const firstRead = card.commandLog.findIndex((c) => c.ins === INS.readRecord);
    expect(card.commandLog[firstRead + 1]).toMatchObject({
      ins: INS.readRecord,
      p1: card.commandLog[firstRead]!.p1,
      le: expect.any(Number) as number,
    });
  });

  it('waits for a card, and reports health from reader/card events', async () => {
    const { channel, driver, clock } = setup();
    expect(driver.status.current).toMatchObject({
      health: 'online',
      detail: { reader: READER, card: 'absent' },
    });
    const pending = driver.readCard({ timeoutMs: 2000 });
    await clock.advance(20);
    channel.insert(profile('ssc-gen2'));
    await expect(clock.run(pending)).resolves.toMatchObject({ kind: 'socialSecurity' });
    expect(driver.status.current).toMatchObject({ health: 'online', detail: { card: 'present' } });
    const removal = driver.waitForRemoval({ timeoutMs: 1000 });
    await clock.advance(20);
    channel.remove();
    await clock.run(removal);
    expect(driver.status.current.detail.card).toBe('absent');
  });

  it('times out with noCard, and with cardNotRemoved when the card stays', async () => {
    const { channel, driver, clock } = setup();
    await expect(clock.run(driver.readCard({ timeoutMs: 50 }))).rejects.toMatchObject({
      code: 'timeout',
      detail: 'noCard',
    });
    expect(clock.monotonic()).toBe(50);
    channel.insert(profile('ssc-gen1'));
    await expect(clock.run(driver.waitForRemoval({ timeoutMs: 50 }))).rejects.toMatchObject({
      code: 'userAction',
      detail: 'cardNotRemoved',
    });
  });

  it('reports a card pulled mid-read as noMedia/cardRemoved', async () => {
    const { channel, driver, clock } = setup();
    const card = channel.insert(profile('ssc-gen2'));
    const transmit = channel.transmit;
    channel.transmit = (r, apdu) => {
      if (card.commandLog.length === 4) channel.remove();
      return transmit(r, apdu);
    };
    await expect(clock.run(driver.readCard({ timeoutMs: 2000 }))).rejects.toMatchObject({
      code: 'noMedia',
      detail: 'cardRemoved',
    });
  });
});

describe('CardSession', () => {
  const session = () => {
    const sent: Uint8Array[] = [];
    const s = new CardSession(
      (apdu) => {
        sent.push(apdu);
        return Promise.resolve(Uint8Array.of(0x90, 0x00));
      },
      new AbortController().signal,
      new MemoryLogger(),
    );
    return { s, sent };
  };

  it.each([
    ['VERIFY (PIN)', 0x00, 0x20],
    ['VERIFY, odd INS', 0x00, 0x21],
    ['proprietary-class VERIFY', 0x80, 0x20],
    ['CHANGE REFERENCE DATA (PIN change)', 0x00, 0x24],
    ['RESET RETRY COUNTER (PIN unblock)', 0x00, 0x2c],
    ['UPDATE RECORD', 0x00, 0xdc],
    ['UPDATE BINARY', 0x00, 0xd6],
    ['INTERNAL AUTHENTICATE', 0x00, 0x88],
  ])('refuses %s before anything reaches the card', async (_name, cla, ins) => {
    const { s, sent } = session();
    await expect(
      s.exchange('forbidden', { cla, ins, p1: 0, p2: 0, data: Uint8Array.of(0x88, 0x88, 0x88) }),
    ).rejects.toBeInstanceOf(ForbiddenCommandError);
    expect(sent).toEqual([]);
    expect(s.apduCount).toBe(0);
  });

  it('sends the read instructions it is built for', async () => {
    const { s, sent } = session();
    for (const ins of [INS.select, INS.readRecord, INS.getProcessingOptions, INS.getData, INS.getResponse])
      await s.exchange('read', { cla: 0, ins, p1: 0, p2: 0, le: 0 });
    expect(sent.map((a) => a[1])).toEqual([0xa4, 0xb2, 0xa8, 0xca, 0xc0]);
  });
});
