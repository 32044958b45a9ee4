import { describe, expect, it } from 'vitest';
import { parseControlWords, SimControlRequest } from './protocol';

describe('sim control words', () => {
  it.each([
    [['status'], { verb: 'status' }],
    [['idcard', 'place'], { verb: 'idcard.place' }],
    [['idcard', 'place', 'rareName'], { verb: 'idcard.place', card: 'rareName' }],
    [['idcard', 'remove'], { verb: 'idcard.remove' }],
    [['card', 'insert', 'unionpay-debit'], { verb: 'card.insert', card: 'unionpay-debit' }],
    [['card', 'remove'], { verb: 'card.remove' }],
    [['scan', '一码办', '2026112300017'], { verb: 'scan', text: '一码办 2026112300017' }],
    [['receipt', 'take'], { verb: 'receipt.take' }],
    [['receipt', 'last', '3'], { verb: 'receipt.last', count: 3 }],
    [['paper', 'out'], { verb: 'paper', state: 'out', printer: 'receipt' }],
    [['cover', 'open'], { verb: 'cover', state: 'open' }],
    [['locker', 'jam', '1', '5'], { verb: 'locker', action: 'jam', board: 1, door: 5 }],
    [['unplug', 'idCard'], { verb: 'unplug', device: 'idCard' }],
    [['replug', 'locker-1'], { verb: 'replug', device: 'locker-1' }],
  ])('%j', (words, request) => {
    expect(parseControlWords(words)).toEqual(request);
    expect(SimControlRequest.safeParse(request).success).toBe(true);
  });

  it('takes a card file and the A4 printer from the options', () => {
    expect(parseControlWords(['idcard', 'place'], { file: { name: 'x' } })).toEqual({
      verb: 'idcard.place',
      cardData: { name: 'x' },
    });
    expect(parseControlWords(['paper', 'out'], { printer: 'a4' })).toEqual({
      verb: 'paper',
      state: 'out',
      printer: 'a4',
    });
  });

  it.each([
    [[], /unknown verb/],
    [['eject'], /unknown verb "eject"/],
    [['idcard'], /place \[SAMPLE\]/],
    [['status', 'now'], /too many words/],
    [['scan'], /needs the text/],
    [['paper', 'gone'], /out, low or ok/],
    [['locker', 'open', '1', '2'], /jam\|free/],
    [['locker', 'jam', '1'], /DOOR must be a number/],
    [['unplug'], /needs a role/],
  ])('refuses %j with a message', (words, message) => {
    expect(() => parseControlWords(words)).toThrow(message);
  });

  it('refuses --printer other than receipt or a4', () => {
    expect(() => parseControlWords(['paper', 'out'], { printer: 'laser' })).toThrow(/receipt or a4/);
  });
});
