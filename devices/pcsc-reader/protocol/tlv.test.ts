import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from './apdu';
import {
  extractCardNumber,
  parseGpoResponse,
  parseDirectory,
  chooseApplications,
  UNIONPAY_AIDS,
  parseAfl,
} from './bank';
import { defaultTerminalValues, fillDol, parseDol } from './dol';
import { concatBytes, encodeTlv, findTag, parseTlv, TlvError } from './tlv';

const t = (tag: string, ...parts: Uint8Array[]) => encodeTlv(tag, concatBytes(parts));

describe('BER-TLV', () => {
  it('parses nested templates with two-byte tags and long lengths', () => {
    const fci = t(
      '6F',
      t('84', hexToBytes('325041592E5359532E4444463031')),
      t('A5', t('BF0C', t('61', t('87', Uint8Array.of(1))))),
    );
    expect(bytesToHex(fci)).toBe('6F1A840E325041592E5359532E4444463031A508BF0C0561038701' + '01');
    const [top] = parseTlv(fci);
    expect(top?.tag).toBe('6F');
    expect(findTag(parseTlv(fci), '84')?.value).toEqual(hexToBytes('325041592E5359532E4444463031'));
    expect(findTag(parseTlv(fci), 'BF0C')?.children[0]?.tag).toBe('61');
    const long = encodeTlv('C1', new Uint8Array(200).fill(0x11));
    expect(Array.from(long.subarray(0, 3))).toEqual([0xc1, 0x81, 200]);
    expect(parseTlv(long)[0]?.value.length).toBe(200);
  });
  it('rejects values that run past the end', () => {
    expect(() => parseTlv(hexToBytes('5A0A1234'))).toThrow(TlvError);
  });
  it('round-trips arbitrary primitive objects', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('5A', '9F38', '57', '5F24', '9F7F'), fc.uint8Array({ maxLength: 300 })),
          { maxLength: 6 },
        ),
        (items) => {
          const bytes = concatBytes(items.map(([t, v]) => encodeTlv(t, v)));
          const parsed = parseTlv(bytes);
          expect(parsed.map((p) => [p.tag, Array.from(p.value)])).toEqual(
            items.map(([t, v]) => [t, Array.from(v)]),
          );
        },
      ),
    );
  });
});

describe('DOL', () => {
  const pdol = hexToBytes('9F66049F02069F03069F1A0295055F2A029A039C019F3704');
  it('parses tag/length pairs', () => {
    expect(parseDol(pdol)).toEqual([
      { tag: '9F66', length: 4 },
      { tag: '9F02', length: 6 },
      { tag: '9F03', length: 6 },
      { tag: '9F1A', length: 2 },
      { tag: '95', length: 5 },
      { tag: '5F2A', length: 2 },
      { tag: '9A', length: 3 },
      { tag: '9C', length: 1 },
      { tag: '9F37', length: 4 },
    ]);
  });
  it('fills with the §3.2 defaults, injected date and unpredictable number, zeros for unknown tags', () => {
    const values = defaultTerminalValues({
      date: { year: 2026, month: 11, day: 23 },
      unpredictableNumber: hexToBytes('A1B2C3D4'),
    });
    expect(
      Buffer.from(fillDol(parseDol(pdol), values))
        .toString('hex')
        .toUpperCase(),
    ).toBe(
      '36000000' +
        '000000000001' +
        '000000000000' +
        '0156' +
        '0000000000' +
        '0156' +
        '261123' +
        '00' +
        'A1B2C3D4',
    );
  });
  it('fits values of another length: numeric left-padded, others right-padded or cut', () => {
    const values = new Map([
      ['9F02', hexToBytes('0100')],
      ['9F66', hexToBytes('36000000')],
    ]);
    expect(
      fillDol(
        [
          { tag: '9F02', length: 4 },
          { tag: '9F66', length: 2 },
          { tag: '9F66', length: 5 },
        ],
        values,
      ),
    ).toEqual(hexToBytes('00000100' + '3600' + '3600000000'));
  });
});

describe('PBOC/EMV parsing', () => {
  it('orders UnionPay applications by card priority then our preference, ignoring others', () => {
    const entries = [
      { aid: 'A000000333010102', priority: 2 },
      { aid: 'A0000000031010', priority: 1 },
      { aid: 'A000000333010101', priority: 2 },
      { aid: 'A000000333010106' },
    ];
    expect(chooseApplications(entries, UNIONPAY_AIDS).map((e) => e.aid)).toEqual([
      'A000000333010101',
      'A000000333010102',
      'A000000333010106',
    ]);
    const record = t(
      '70',
      t(
        '61',
        t('4F', hexToBytes('A000000333010101')),
        t('50', Uint8Array.from(Buffer.from('UnionPay'))),
        t('87', Uint8Array.of(1)),
      ),
    );
    expect(parseDirectory(parseTlv(record))).toEqual([
      { aid: 'A000000333010101', label: 'UnionPay', priority: 1 },
    ]);
  });
  it('parses GPO format 1 and format 2 and the AFL', () => {
    const f1 = parseGpoResponse(hexToBytes('800A7C000801010010010300'));
    expect(f1.format).toBe(1);
    expect(f1.afl).toEqual([
      { sfi: 1, first: 1, last: 1, offlineAuthRecords: 0 },
      { sfi: 2, first: 1, last: 3, offlineAuthRecords: 0 },
    ]);
    const f2 = parseGpoResponse(hexToBytes('770D82025C00940408010100570101'));
    expect(f2.format).toBe(2);
    expect(f2.embedded.map((e) => e.tag)).toEqual(['57']);
    expect(f2.afl).toEqual([{ sfi: 1, first: 1, last: 1, offlineAuthRecords: 0 }]);
    expect(() => parseAfl(hexToBytes('080101'))).toThrow();
    expect(() => parseAfl(hexToBytes('00010100'))).toThrow();
  });
  it('takes PAN and expiry from 5A/5F24, else from Track 2 equivalent (57)', () => {
    expect(extractCardNumber(parseTlv(hexToBytes('5A0A6222021234567890128F5F2403301231')))).toEqual({
      pan: '6222021234567890128',
      expiry: '2030-12',
    });
    expect(extractCardNumber(parseTlv(hexToBytes('57116258070012345673D28062201000000000')))).toEqual({
      pan: '6258070012345673',
      expiry: '2028-06',
    });
    expect(extractCardNumber(parseTlv(hexToBytes('5F2403301231')))).toEqual({ expiry: '2030-12' });
  });
});
