import { describe, expect, it } from 'vitest';
import { SIMULATOR_FAULTS } from '../../../devices/id-card-reader';
import { IDCARD_SIM_FAULTS, parseControlLine, parseFaultSwitch } from './sim-idcard-control';

describe('sim idcard fault switches and control lines', () => {
  it('knows exactly the simulator faults', () => {
    expect([...IDCARD_SIM_FAULTS]).toEqual([...SIMULATOR_FAULTS]);
  });

  it.each([
    ['readFail', { kind: 'fault', fault: 'readFail', on: true }],
    ['checksumCorruption=2', { kind: 'fault', fault: 'checksumCorruption', on: 2 }],
    ['unplugMidRead', { kind: 'unplugMidRead', ms: 2000 }],
    ['unplugMidRead=300', { kind: 'unplugMidRead', ms: 300 }],
  ])('--fault %s', (spec, parsed) => {
    expect(parseFaultSwitch(spec)).toEqual(parsed);
  });

  it.each(['eject', 'readFail=0', 'readFail=x', 'unplugMidRead=-5'])('rejects --fault %s', (spec) => {
    expect(() => parseFaultSwitch(spec)).toThrow();
  });

  it.each([
    ['', undefined],
    ['  place  ', { verb: 'place' }],
    ['place /tmp/card.json', { verb: 'place', file: '/tmp/card.json' }],
    ['remove', { verb: 'remove' }],
    ['fault noCard on', { verb: 'fault', fault: 'noCard', on: true }],
    ['fault noCard off', { verb: 'fault', fault: 'noCard', on: false }],
    ['fault selectFail 3', { verb: 'fault', fault: 'selectFail', on: 3 }],
    ['fault unplugMidRead 250', { verb: 'unplugMidRead', ms: 250 }],
    ['unplug', { verb: 'unplug', ms: 2000 }],
    ['unplug 500', { verb: 'unplug', ms: 500 }],
  ])('control line "%s"', (line, parsed) => {
    expect(parseControlLine(line)).toEqual(parsed);
  });

  it.each(['insert', 'remove now', 'fault', 'fault eject on', 'fault noCard', 'unplug soon', 'place a b'])(
    'rejects control line "%s" with a message',
    (line) => {
      expect(() => parseControlLine(line)).toThrow(/./);
    },
  );
});
