// Every device family the host can build from configuration, by family id. Adding a family is one
// file in this folder and one line here.
import { a4Printer } from './a4-printer';
import { documentCamera } from './document-camera';
import { escposPrinter } from './escpos-printer';
import { idCardReader } from './id-card-reader';
import { lockerBoard } from './locker-board';
import { pcscReader } from './pcsc-reader';
import { scanner } from './scanner';
import type { FamilyDefinition } from './types';

export const FAMILIES = {
  'id-card-reader': idCardReader,
  'pcsc-reader': pcscReader,
  'escpos-printer': escposPrinter,
  'a4-printer': a4Printer,
  scanner,
  'locker-board': lockerBoard,
  'document-camera': documentCamera,
} as const;
export type FamilyName = keyof typeof FAMILIES;

export const FAMILY_NAMES = Object.keys(FAMILIES) as FamilyName[];

/** A family by its configured name; its options are unknown until its own schema has parsed them. */
export const familyOf = (name: string): FamilyDefinition | undefined =>
  Object.hasOwn(FAMILIES, name) ? (FAMILIES as unknown as Record<string, FamilyDefinition>)[name] : undefined;

export type { BuildContext, BuiltDevice, DeviceSpec, FamilyDefinition } from './types';
