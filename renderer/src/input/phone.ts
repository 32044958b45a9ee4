// Live checks of a mainland mobile number on the phone pad: 11 digits, 1 then 3–9.

export const PHONE_LENGTH = 11;

export type PhoneStatus =
  | { kind: 'incomplete'; remaining: number }
  | { kind: 'badStart' }
  | { kind: 'badPrefix' }
  | { kind: 'valid' };

export function phoneStatus(value: string): PhoneStatus {
  if (value.length >= 1 && value[0] !== '1') return { kind: 'badStart' };
  if (value.length >= 2 && !/[3-9]/.test(value[1]!)) return { kind: 'badPrefix' };
  if (value.length < PHONE_LENGTH) return { kind: 'incomplete', remaining: PHONE_LENGTH - value.length };
  return { kind: 'valid' };
}

/** 13800138000 → "138 0013 8000", as numbers are read out and printed. */
export function groupPhone(value: string): string {
  return [value.slice(0, 3), value.slice(3, 7), value.slice(7)].filter(Boolean).join(' ');
}
