import { describe, expect, it } from 'vitest';
import { describeStatus, FAILURE_SW3 } from './status';

// protocols.md §1.4, read as what a kiosk should do next: a line error or a card that moved is
// worth another try; a card the reader cannot handle, an item the card lacks, a command the reader
// does not know and a SAM that failed or is not authorised are not.
describe('SW3 failures (§1.4): device error code and whether to retry', () => {
  it('lists exactly the failure statuses of §1.4 (90 and 9F are successes)', () => {
    const listed = [
      0x91, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81,
    ];
    expect([...FAILURE_SW3].sort((a, b) => a - b)).toEqual(listed.sort((a, b) => a - b));
    expect(FAILURE_SW3).not.toContain(0x90);
    expect(FAILURE_SW3).not.toContain(0x9f);
  });
  it.each([
    [0x91, 'unsupported', false], // no such item on this card
    [0x10, 'protocol', true], // checksum error on the line
    [0x11, 'protocol', true], // length error on the line
    [0x21, 'protocol', false], // a command the reader does not know will not become known
    [0x23, 'sequence', true], // start again from find card
    [0x24, 'hardware', true],
    [0x31, 'rejected', true], // mutual authentication over RF: the card may have moved
    [0x32, 'rejected', true],
    [0x33, 'rejected', true],
    [0x40, 'unsupported', false], // not an ID card this reader knows
    [0x41, 'userAction', true], // place the card again
    [0x47, 'hardware', true],
    [0x60, 'hardware', false], // the SAM failed its self-test
    [0x66, 'hardware', false], // the SAM is not authorised
    [0x80, 'noMedia', true], // no card yet
    [0x81, 'userAction', true], // place the card again
  ])('SW3 %d → %s, retry %s', (sw3, code, retryable) => {
    expect(describeStatus(sw3)).toMatchObject({ sw3, code, retryable });
  });
  it('names an unknown status in two-digit upper-case hex and does not retry it', () => {
    expect(describeStatus(0x7e)).toEqual({
      sw3: 0x7e,
      detail: 'unknownStatus',
      code: 'protocol',
      retryable: false,
      message: '未知状态码 / unknown status 0x7E',
    });
    expect(describeStatus(0x0a).message).toBe('未知状态码 / unknown status 0x0A');
  });
});
