import { getProcessingOptions, readRecord, selectByName, hexToBytes } from './protocol/apdu';
import {
  chooseApplications,
  extractCardNumber,
  parseApplicationFci,
  parseDirectory,
  parseGpoResponse,
  pseDirectorySfi,
  selectPpse,
  selectPse,
  type BankCard,
  type DirectoryEntry,
} from './protocol/bank';
import { defaultTerminalValues, fillDol, parseDol, type TerminalInputs } from './protocol/dol';
import { parseTlv, type Tlv } from './protocol/tlv';
import type { CardSession } from './session';

export class NoApplicationError extends Error {
  override readonly name = 'NoApplicationError';
}

export class CardDataError extends Error {
  override readonly name = 'CardDataError';
}

/** Candidate applications: PPSE (contactless), then PSE directory records (contact), else the list itself. */
export async function findBankApplications(
  session: CardSession,
  supported: readonly string[],
): Promise<DirectoryEntry[]> {
  const ppse = await session.exchange('SELECT PPSE', selectPpse());
  if (ppse.sw === 0x9000) {
    const found = chooseApplications(parseDirectory(parseTlv(ppse.data)), supported);
    if (found.length) return found;
  }
  const pse = await session.exchange('SELECT PSE', selectPse());
  if (pse.sw === 0x9000) {
    const sfi = pseDirectorySfi(pse.data);
    const entries: DirectoryEntry[] = [];
    for (let rec = 1; sfi !== undefined && rec <= 16; rec++) {
      const r = await session.exchange(`READ RECORD PSE/${rec}`, readRecord(sfi, rec));
      if (r.sw !== 0x9000) break; // 6A83: no more records
      entries.push(...parseDirectory(parseTlv(r.data)));
    }
    const found = chooseApplications(entries, supported);
    if (found.length) return found;
  }
  // No directory: EMV "list of AIDs" selection, in our order.
  return supported.map((aid) => ({ aid }));
}

/** Selects the first application that answers, runs GPO and reads every AFL record. */
export async function readBankCard(
  session: CardSession,
  supported: readonly string[],
  terminal: TerminalInputs,
): Promise<BankCard> {
  const candidates = await findBankApplications(session, supported);
  for (const app of candidates) {
    const sel = await session.exchange(`SELECT AID`, selectByName(hexToBytes(app.aid)));
    if (sel.sw !== 0x9000) continue;
    const fci = parseApplicationFci(sel.data);
    const pdolValues = fci.pdol
      ? fillDol(parseDol(fci.pdol), defaultTerminalValues(terminal))
      : new Uint8Array(0);
    const gpo = parseGpoResponse(await session.expectOk('GPO', getProcessingOptions(pdolValues)));
    const found: Tlv[] = [...gpo.embedded];
    for (const entry of gpo.afl) {
      for (let rec = entry.first; rec <= entry.last; rec++) {
        const data = await session.expectOk(`READ RECORD ${entry.sfi}/${rec}`, readRecord(entry.sfi, rec));
        found.push(...parseTlv(data));
      }
    }
    const { pan, expiry } = extractCardNumber(found);
    if (!pan) throw new CardDataError('no PAN (5A or 57) in the application records');
    const label = fci.label ?? app.label;
    return {
      kind: 'bank',
      pan,
      expiry: expiry ?? null,
      aid: fci.dfName ?? app.aid,
      ...(label ? { label } : {}),
    };
  }
  throw new NoApplicationError('no supported payment application on the card');
}
