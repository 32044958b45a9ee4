import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbForeign2017Id,
  arbHkmotwId,
  arbIdNumber,
  arbResidentId,
} from '../../tests/helpers/identity-arbitraries';
import {
  maskAccount,
  maskCode,
  maskIdNumber,
  maskName,
  maskPan,
  maskPhone,
  maskText,
  maskUrlQuery,
} from './mask';

/** Length of the longest substring of `original` that still appears in `masked`. */
function longestSurvivingRun(original: string, masked: string): number {
  let best = 0;
  for (let i = 0; i < original.length; i++)
    for (let j = i + best + 1; j <= original.length; j++) {
      if (!masked.includes(original.slice(i, j))) break;
      best = j - i;
    }
  return best;
}

describe('ID numbers of every kind', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['810000198001010014', '810000********0014'],
    ['911250198505120021', '911250********0021'],
    // The 2017 foreign number keeps its nationality letters and two digits (was USA110*****0401:
    // its last four digits may include the holder's birth day).
    ['USA110070070401', 'USA**********01'],
    ['H12345678', 'H1*****78'],
    ['12345678', '12****78'],
    ['1234567', '*******'],
    ['', ''],
  ])('maskIdNumber(%s) = %s', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
    expect(maskIdNumber(id)).toHaveLength(id.length);
  });

  it('never returns an ID number of any length unmasked, and never throws', () => {
    const id = '810000198001010014';
    for (let n = 1; n <= id.length; n++) expect(maskIdNumber(id.slice(0, n))).not.toBe(id.slice(0, n));
  });

  it('no run of the original longer than the kept part survives, and the birth date never does', () => {
    fc.assert(
      fc.property(arbIdNumber, ({ id, kind }) => {
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(id.length);
        expect(longestSurvivingRun(id, masked)).toBeLessThanOrEqual(kind === 'foreign2017' ? 3 : 6);
        if (kind !== 'foreign2017') expect(masked.slice(6, 14)).toBe('********');
      }),
    );
  });

  it('masks any string without throwing and keeps at most 6 + 4 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const masked = maskIdNumber(s);
        expect(masked).toHaveLength(s.length);
        expect([...masked].filter((c) => c !== '*').length).toBeLessThanOrEqual(10);
      }),
    );
  });
});

describe('names, cards, phones and accounts', () => {
  it('keeps only what the rule allows', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('王')).toBe('*');
    expect(maskName('𠀀丽')).toBe('𠀀*'); // a name with a character outside the BMP
    expect(maskPan('6222021234567890123')).toBe('622202*********0123');
    expect(maskPan('12345')).toBe('*****');
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('01087654321')).toBe('010****4321');
    expect(maskPhone('87654321')).toBe('******21');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskAccount('110200012349012')).toBe('1102*******9012');
    expect(maskAccount('12345678')).toBe('12****78');
    expect(maskAccount('1234567')).toBe('*******');
  });

  it('a PAN keeps 6 + 4 and nothing longer of the original', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12,19}$/), (pan) => {
        const masked = maskPan(pan);
        expect(masked.slice(6, -4)).toMatch(/^\*+$/);
        expect(longestSurvivingRun(pan, masked)).toBeLessThanOrEqual(6);
      }),
    );
  });

  it('a name keeps its first character only', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 2, maxLength: 8 }), (name) => {
        const masked = maskName(name);
        expect([...masked].slice(1).every((c) => c === '*')).toBe(true);
      }),
    );
  });
});

describe('一码办 codes (bearer tokens)', () => {
  it('keeps the platform prefix and the last 4 characters only', () => {
    expect(maskCode('YMB1q7Vd0-Xk3_aB9cD2eF4gH6')).toBe('YMB1******************4gH6');
  });
});

describe('free text (log lines)', () => {
  // Noise never contains letters or digits next to the planted number, so the boundaries hold.
  const noise = fc.string({
    unit: fc.constantFrom(' ', '"', ':', ',', '{', '}', '=', '张', '号', '\n'),
    maxLength: 12,
  });
  const planted = fc.oneof(
    arbIdNumber.map((x) => ({ value: x.id, kept: x.kind === 'foreign2017' ? 3 : 6 })),
    fc.stringMatching(/^62\d{14,17}$/).map((value) => ({ value, kept: 6 })),
    fc.stringMatching(/^1[3-9]\d{9}$/).map((value) => ({ value, kept: 4 })),
    fc.stringMatching(/^YMB1[A-Za-z0-9_-]{20,120}$/).map((value) => ({ value, kept: 4 })),
  );

  it('masks every ID number, card number and mobile number planted in it', () => {
    fc.assert(
      fc.property(noise, planted, noise, (before, { value, kept }, after) => {
        const line = `${before}${value}${after}`;
        const masked = maskText(line);
        expect(masked).toHaveLength(line.length);
        expect(longestSurvivingRun(value, masked)).toBeLessThanOrEqual(kept);
        expect(maskText(masked)).toBe(masked);
      }),
    );
  });

  it('masks the kinds the back office used to miss, and leaves timestamps and ids alone', () => {
    const line = JSON.stringify({
      at: 1764921600000,
      id: 'USA110070070401',
      pan: '6222021234567890123',
      phone: '13800138000',
      permit: '810000198001010014',
      uuid: '4f1c2d3e-1234-4abc-8def-123456789012',
      hash: 'a1b2c3110105194912310021d4',
    });
    const masked = maskText(line);
    expect(masked).toContain('"at":1764921600000');
    expect(masked).toContain('USA**********01');
    expect(masked).toContain('622202*********0123');
    expect(masked).toContain('138****8000');
    expect(masked).toContain('810000********0014');
    expect(masked).toContain('4f1c2d3e-1234-4abc-8def-123456789012');
    expect(masked).toContain('a1b2c3110105194912310021d4');
  });

  it('masks many numbers in one line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(arbResidentId, arbHkmotwId, arbForeign2017Id), { maxLength: 5 }),
        (ids) => {
          const masked = maskText(ids.join(' '));
          for (const id of ids) expect(masked).not.toContain(id);
        },
      ),
    );
  });
});

describe('URLs', () => {
  it('masks personal query parameters only', () => {
    expect(maskUrlQuery('/api/v1/progress?idNumber=110105194912310021&name=%E5%BC%A0&page=2')).toBe(
      '/api/v1/progress?idNumber=***&name=***&page=2',
    );
    expect(maskUrlQuery('/lockers/pickup?CODE=123456#x')).toBe('/lockers/pickup?CODE=***#x');
    expect(maskUrlQuery('/filings/abc')).toBe('/filings/abc');
  });
});
