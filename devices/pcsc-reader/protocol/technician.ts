import { asciiBytes, readRecord, selectByName, type CommandApdu } from './apdu';
import { findTag, parseTlv } from './tlv';

/**
 * The site's technician card (our own format; no national standard covers it): a contact card the
 * site issues with one application under a proprietary AID (ISO/IEC 7816-5 category F, not
 * registered): F0 + "YZTECH". Its record 1 of SFI 1 is a 70 template holding
 *   C1  the technician's id at the site (ASCII, the id `yizhan diag technician add` gives),
 *   C2  the card's serial number (ASCII digits; the site stores only its SHA-256).
 * A citizen's card answers the SELECT with 6A82, so telling them apart costs one APDU.
 */
export const TECHNICIAN_AID = Uint8Array.from([0xf0, ...asciiBytes('YZTECH')]);
export const TECHNICIAN_SFI = 1;

export interface TechnicianCard {
  kind: 'technician';
  /** Who the card says it belongs to; the host believes it only if the card number is on file. */
  technicianId: string;
  cardNumber: string;
}

export class TechnicianCardError extends Error {
  override name = 'TechnicianCardError';
}

export const selectTechnician = (): CommandApdu => selectByName(TECHNICIAN_AID);
export const readTechnicianRecord = (): CommandApdu => readRecord(TECHNICIAN_SFI, 1);

const ascii = (b: Uint8Array) => String.fromCharCode(...b);

/** Record 1: 70 { C1 id, C2 card number }; anything else is a malformed card. */
export function parseTechnicianCard(record: Uint8Array): TechnicianCard {
  const tlv = parseTlv(record);
  const id = findTag(tlv, 'C1');
  const number = findTag(tlv, 'C2');
  if (tlv[0]?.tag !== '70' || !id || !number)
    throw new TechnicianCardError('record 1 is not a 70 { C1, C2 } template');
  const technicianId = ascii(id.value);
  const cardNumber = ascii(number.value);
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(technicianId)) throw new TechnicianCardError('C1 is not a technician id');
  if (!/^\d{8,20}$/.test(cardNumber)) throw new TechnicianCardError('C2 is not a card number');
  return { kind: 'technician', technicianId, cardNumber };
}
