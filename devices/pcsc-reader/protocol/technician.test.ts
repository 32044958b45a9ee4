import { describe, expect, it } from 'vitest';
import { bytesToHex, encodeApdu, hexToBytes } from './apdu';
import { parseTechnicianCard, readTechnicianRecord, selectTechnician } from './technician';

describe('the technician card (F0 "YZTECH", record 1 of SFI 1)', () => {
  it('selects the application by its AID and reads record 1 of SFI 1', () => {
    // 00 A4 04 00 | Lc 07 | F0 'Y' 'Z' 'T' 'E' 'C' 'H' | Le 00
    expect(bytesToHex(encodeApdu(selectTechnician()))).toBe('00A4040007F0595A5445434800');
    // 00 B2 | record 01 | SFI 1 << 3 | 4 = 0C | Le 00
    expect(bytesToHex(encodeApdu(readTechnicianRecord()))).toBe('00B2010C00');
  });

  it('reads the id and the card number from the 70 template', () => {
    // 70 17 | C1 03 "T07" | C2 10 "9001000012345678"
    const rec = hexToBytes('7017' + 'C103543037' + 'C210' + '39303031303030303132333435363738');
    expect(parseTechnicianCard(rec)).toEqual({
      kind: 'technician',
      technicianId: 'T07',
      cardNumber: '9001000012345678',
    });
  });

  it('refuses a record that is not the template, or with a bad id or number', () => {
    expect(() => parseTechnicianCard(hexToBytes('6105C103543037'))).toThrow(/not a 70/);
    expect(() => parseTechnicianCard(hexToBytes('7009C1022020C203313233'))).toThrow(/C1 is not/);
    expect(() => parseTechnicianCard(hexToBytes('700AC103543037C203313233'))).toThrow(/C2 is not/);
  });
});
