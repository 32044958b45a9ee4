import { encodeFrame, type SamFrame } from './frame';

/**
 * The SAM_V commands the driver uses (protocols.md §1.3). Every command here is CMD PARA with no
 * data, so each frame is `AA AA AA 96 69 | 00 03 | CMD PARA | CHK`.
 */
export const SAM_COMMANDS = {
  /** 10 FF → AA AA AA 96 69 00 03 10 FF EC. Resets the SAM module; no timeout in the sources. */
  resetSam: { cmd: 0x10, para: 0xff },
  /** 11 FF → AA AA AA 96 69 00 03 11 FF ED. SAM self-test; also the baud-rate probe. */
  samStatus: { cmd: 0x11, para: 0xff },
  /** 12 FF → AA AA AA 96 69 00 03 12 FF EE. Reads the 16-byte SAM ID (§1.9). */
  readSamId: { cmd: 0x12, para: 0xff },
  /** 20 01 → AA AA AA 96 69 00 03 20 01 22. Find card (寻卡): 9F present, 80 absent. */
  findCard: { cmd: 0x20, para: 0x01 },
  /** 20 02 → AA AA AA 96 69 00 03 20 02 21. Select card (选卡): 90, or 81 on failure. */
  selectCard: { cmd: 0x20, para: 0x02 },
  /** 30 01 → AA AA AA 96 69 00 03 30 01 32. Text (256) + photo (1024). */
  readBase: { cmd: 0x30, para: 0x01 },
  /** 30 03 → AA AA AA 96 69 00 03 30 03 30. Extra address (追加住址), 70 bytes; 91 when none. */
  readExtraAddress: { cmd: 0x30, para: 0x03 },
  /** 30 10 → AA AA AA 96 69 00 03 30 10 23. Text + photo + fingerprint (1024); 91 when no fingerprint. */
  readBaseWithFingerprint: { cmd: 0x30, para: 0x10 },
} as const;

export type SamCommandName = keyof typeof SAM_COMMANDS;

function buildCommand(name: SamCommandName): Uint8Array {
  const { cmd, para } = SAM_COMMANDS[name];
  return encodeFrame(Uint8Array.of(cmd, para));
}

export const buildResetSamCommand = (): Uint8Array => buildCommand('resetSam');
export const buildSamStatusCommand = (): Uint8Array => buildCommand('samStatus');
export const buildReadSamIdCommand = (): Uint8Array => buildCommand('readSamId');
export const buildFindCardCommand = (): Uint8Array => buildCommand('findCard');
export const buildSelectCardCommand = (): Uint8Array => buildCommand('selectCard');
export const buildReadBaseCommand = (): Uint8Array => buildCommand('readBase');
export const buildReadExtraAddressCommand = (): Uint8Array => buildCommand('readExtraAddress');
export const buildReadBaseWithFingerprintCommand = (): Uint8Array => buildCommand('readBaseWithFingerprint');

/** A command as the far end (the simulator) sees it. `name` is undefined for commands we do not know. */
export interface ParsedCommand {
  cmd: number;
  para: number;
  data: Uint8Array;
  name: SamCommandName | undefined;
}

/** Splits a command payload CMD PARA [DATA]; undefined when the payload is shorter than CMD PARA. */
export function parseCommand(frame: SamFrame): ParsedCommand | undefined {
  const p = frame.payload;
  if (p.length < 2) return undefined;
  const cmd = p[0]!;
  const para = p[1]!;
  const entry = Object.entries(SAM_COMMANDS).find(([, c]) => c.cmd === cmd && c.para === para);
  return { cmd, para, data: p.slice(2), name: entry?.[0] as SamCommandName | undefined };
}
