import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  classifyStatus,
  decodeCommandApdu,
  encodeApdu,
  getData,
  getProcessingOptions,
  getResponse,
  hexToBytes,
  readRecord,
  selectByName,
} from './apdu';
import { selectPpse, selectPse } from './bank';
import { EF05_ITEMS, EF05_SFI, EF06_SFI, ef06Items, readItem, selectSsse } from './social-security';

const hex = (c: Parameters<typeof encodeApdu>[0]) => bytesToHex(encodeApdu(c));

describe('golden APDUs (protocols §3)', () => {
  it('SELECT PPSE', () => {
    expect(hex(selectPpse())).toBe('00A404000E325041592E5359532E444446303100');
  });
  it('SELECT PSE', () => {
    expect(hex(selectPse())).toBe('00A404000E315041592E5359532E444446303100');
  });
  it('SELECT AID of the UnionPay debit application', () => {
    expect(hex(selectByName(hexToBytes('A000000333010101')))).toBe('00A4040008A00000033301010100');
  });
  it('SELECT SSSE: "sx1.sh." + 社会保障 in GBK, no Le', () => {
    expect(hex(selectSsse())).toBe('00A404000F7378312E73682EC9E7BBE1B1A3D5CF');
  });
  it('EF05 records by SFI 5 with Le = 2 + item length', () => {
    expect(hex(readItem(EF05_SFI, EF05_ITEMS.identificationCode))).toBe('00B2012C12');
    expect(hex(readItem(EF05_SFI, EF05_ITEMS.specVersion))).toBe('00B2032C06');
    expect(hex(readItem(EF05_SFI, EF05_ITEMS.issueDate))).toBe('00B2052C06');
    expect(hex(readItem(EF05_SFI, EF05_ITEMS.expiryDate))).toBe('00B2062C06');
    expect(hex(readItem(EF05_SFI, EF05_ITEMS.cardNumber))).toBe('00B2072C0B');
  });
  it('EF06 records by SFI 6; sex moves from record 3 to 4 from generation 2', () => {
    expect(hex(readItem(EF06_SFI, ef06Items(1).idNumber))).toBe('00B2013414');
    expect(hex(readItem(EF06_SFI, ef06Items(1).name))).toBe('00B2023420');
    expect(hex(readItem(EF06_SFI, ef06Items(1).sex))).toBe('00B2033403');
    expect(hex(readItem(EF06_SFI, ef06Items(2).sex))).toBe('00B2043403');
    expect(hex(readItem(EF06_SFI, ef06Items(3).sex))).toBe('00B2043403');
  });
  it('EMV READ RECORD, GPO without PDOL, GET RESPONSE, GET DATA', () => {
    expect(hex(readRecord(1, 1))).toBe('00B2010C00');
    expect(hex(readRecord(2, 3))).toBe('00B2031400');
    expect(hex(getProcessingOptions(new Uint8Array(0)))).toBe('80A80000028300' + '00');
    expect(hex(getResponse(0x1c))).toBe('00C000001C');
    expect(hex(getData(0x9f79))).toBe('80CA9F7900');
  });
});

describe('status words and command decoding', () => {
  it('classifies 9000, 61xx, 6Cxx, warnings and errors', () => {
    expect(classifyStatus(0x9000)).toEqual({ kind: 'ok' });
    expect(classifyStatus(0x6110)).toEqual({ kind: 'moreData', available: 16 });
    expect(classifyStatus(0x6100)).toEqual({ kind: 'moreData', available: 256 });
    expect(classifyStatus(0x6c12)).toEqual({ kind: 'wrongLength', exact: 0x12 });
    expect(classifyStatus(0x6283).kind).toBe('warning');
    expect(classifyStatus(0x6a82).kind).toBe('error');
  });
  it('decodes every short-APDU case back to what was encoded', () => {
    for (const c of [readRecord(1, 1), selectSsse(), selectPpse(), { cla: 0, ins: 0xa4, p1: 0, p2: 0 }]) {
      expect(decodeCommandApdu(encodeApdu(c))).toEqual(c);
    }
    expect(decodeCommandApdu(Uint8Array.of(0, 0xa4, 4))).toBeUndefined();
  });
});
