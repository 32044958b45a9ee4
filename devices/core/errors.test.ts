import { describe, expect, it } from 'vitest';
import { testClock } from '../../tests/helpers/clock';
import { deadline } from './clock';
import {
  DEVICE_ERROR_CODES,
  DeadlineError,
  DeviceError,
  TransportClosedError,
  toDeviceError,
} from './errors';

const where = { deviceId: 'd1', command: 'read' };

describe('toDeviceError: every failure leaves as the closed vocabulary', () => {
  it.each([
    ['a passed deadline', new DeadlineError('late'), 'timeout'],
    ['a DOM TimeoutError', new DOMException('late', 'TimeoutError'), 'timeout'],
    ['an AbortError', new DOMException('stop', 'AbortError'), 'canceled'],
    ['a closed link', new TransportClosedError('gone'), 'notConnected'],
    ['a stray RangeError', new RangeError('boom'), 'protocol'],
    ['a thrown string', 'boom', 'protocol'],
  ])('%s → %s', (_what, err, code) => {
    const e = toDeviceError(err, where);
    expect(e).toBeInstanceOf(DeviceError);
    expect(e.code).toBe(code);
    expect(DEVICE_ERROR_CODES).toContain(e.code);
    if (err instanceof Error) expect(e.cause).toBe(err);
  });

  it("reports the caller's own abort as canceled even when the cause looks like a timeout", () => {
    const ac = new AbortController();
    ac.abort();
    expect(toDeviceError(new DeadlineError('late'), where, ac.signal).code).toBe('canceled');
  });

  it('passes a DeviceError through unchanged', () => {
    const e = new DeviceError('hardware', 'SAM failed', where, { detail: 'samSelfTestFailed' });
    expect(toDeviceError(e, where)).toBe(e);
  });

  it('serialises to code, message, detail and where, never the cause', () => {
    const e = new DeviceError('userAction', '请重新放卡', where, {
      detail: 'cardReadFailed',
      cause: new Error('native stack'),
    });
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      code: 'userAction',
      message: '请重新放卡',
      detail: 'cardReadFailed',
      deviceId: 'd1',
      command: 'read',
    });
  });

  it('treats timeouts, busy and lost links as retryable by default', () => {
    const retry = (code: (typeof DEVICE_ERROR_CODES)[number]) => new DeviceError(code, '', where).retryable;
    expect(DEVICE_ERROR_CODES.filter(retry)).toEqual(['timeout', 'notConnected', 'busy']);
  });

  it('a deadline signal aborts with a DeadlineError that maps to timeout', async () => {
    const clock = testClock();
    const { signal } = deadline(5, [], clock);
    await clock.advance(4);
    expect(signal.aborted).toBe(false);
    await clock.advance(1);
    expect(toDeviceError(signal.reason, where).code).toBe('timeout');
  });
});
