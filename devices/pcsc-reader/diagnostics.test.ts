import { describe, expect, it } from 'vitest';
import { testClock } from '../../tests/helpers/clock';
import type { CardChannel } from '../core';
import { checks } from './diagnostics';
import { PcscReaderDriver } from './driver';

/** A reader with no card behind it: enough to check the diagnostics' outcomes without data. */
function channel(readers: string[]): CardChannel {
  return {
    describe: 'memory:pcsc',
    readers: () => readers,
    onReaderChange: () => () => undefined,
    onCardChange: () => () => undefined,
    connect: () => Promise.reject(new Error('no card')),
    transmit: () => Promise.reject(new Error('no card')),
    disconnect: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

const operator = { patienceMs: 60_000, ask: () => Promise.resolve() };

describe('card reader diagnostics', () => {
  const [present, testRead] = checks;

  it('fails the presence check without a reader and passes with one', async () => {
    const none = new PcscReaderDriver(channel([]), { deviceId: 'd' });
    none.start();
    expect(await present!.run({ device: none, operator })).toEqual({
      outcome: 'fail',
      key: 'diag.cardReader.noReader',
    });
    const one = new PcscReaderDriver(channel(['R1']), { deviceId: 'd' });
    one.start();
    expect(await present!.run({ device: one, operator })).toEqual({
      outcome: 'pass',
      data: { reader: 'R1', card: 'absent' },
    });
  });

  it('turns a failed test read into a fail outcome keyed by the error detail', async () => {
    const clock = testClock();
    const driver = new PcscReaderDriver(channel(['R1']), { deviceId: 'd' }, undefined, clock);
    driver.start();
    const ac = new AbortController();
    const outcome = testRead!.run({ device: driver, operator, signal: ac.signal });
    // The technician gives up 30 ms into the wait for a card.
    await clock.advance(30);
    ac.abort();
    expect(await outcome).toMatchObject({
      outcome: 'fail',
      data: { code: 'canceled' },
    });
  });
});
