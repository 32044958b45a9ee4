import { describe, expect, test } from 'vitest';
import { idCheckChar, idNumberAccepts, idNumberStatus } from './id-number';
import { groupPhone, phoneStatus } from './phone';

// GB 11643-1999's worked example: 11010519491231002X.
const SAMPLE = '11010519491231002X';

describe('ID number pad checks', () => {
  test('computes the check character of the standard example', () => {
    expect(idCheckChar(SAMPLE.slice(0, 17))).toBe('X');
    expect(idCheckChar('1101051949123100')).toBeUndefined();
  });

  test('tells how many characters remain, and the expected last one once 17 are typed', () => {
    expect(idNumberStatus('1101')).toEqual({ kind: 'incomplete', remaining: 14, expectedCheck: undefined });
    expect(idNumberStatus(SAMPLE.slice(0, 17))).toEqual({
      kind: 'incomplete',
      remaining: 1,
      expectedCheck: 'X',
    });
  });

  test('accepts the right check character (x or X), flags a wrong one and an impossible birth date', () => {
    expect(idNumberStatus(SAMPLE)).toEqual({ kind: 'valid' });
    expect(idNumberStatus(SAMPLE.toLowerCase())).toEqual({ kind: 'valid' });
    expect(idNumberStatus('110105194912310021')).toEqual({ kind: 'badCheck', expected: 'X' });
    // 1949-02-30 does not exist: said as soon as the date is complete.
    expect(idNumberStatus('11010519490230')).toEqual({ kind: 'badDate' });
  });

  test('no number starts with 0', () => {
    expect(idNumberStatus('0110')).toEqual({ kind: 'badFormat' });
    expect(idNumberAccepts('', '0')).toBe(false);
    expect(idNumberAccepts('1', '0')).toBe(true);
  });

  test('X only as the 18th character, nothing past 18', () => {
    expect(idNumberAccepts('1101', 'X')).toBe(false);
    expect(idNumberAccepts(SAMPLE.slice(0, 17), 'X')).toBe(true);
    expect(idNumberAccepts(SAMPLE, '1')).toBe(false);
    expect(idNumberAccepts('1', 'a')).toBe(false);
  });
});

describe('phone pad checks', () => {
  test('mobile numbers start with 1 and a 3–9', () => {
    expect(phoneStatus('')).toEqual({ kind: 'incomplete', remaining: 11 });
    expect(phoneStatus('2')).toEqual({ kind: 'badStart' });
    expect(phoneStatus('12')).toEqual({ kind: 'badPrefix' });
    expect(phoneStatus('1380013')).toEqual({ kind: 'incomplete', remaining: 4 });
    expect(phoneStatus('13800138000')).toEqual({ kind: 'valid' });
  });

  test('groups as 3-4-4', () => {
    expect(groupPhone('13800138000')).toBe('138 0013 8000');
    expect(groupPhone('13800')).toBe('138 00');
    expect(groupPhone('')).toBe('');
  });
});
