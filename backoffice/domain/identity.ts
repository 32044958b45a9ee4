// Resident ID numbers (GB 11643-1999): 17 digits + check character (0-9 or X).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '?';
}

/** Birth date of a valid ID number as [year, month, day], or null when the number is invalid. */
export function parseIdNumber(id: string): { birth: [number, number, number] } | null {
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return null;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return { birth: [y, m, d] };
}

/** Completed years between a birth date and `now` (China Standard Time, UTC+8). */
export function ageAt(birth: [number, number, number], now: number): number {
  const cst = new Date(now + 8 * 3600_000);
  const [y, m, d] = birth;
  const nowM = cst.getUTCMonth() + 1;
  const beforeBirthday = nowM < m || (nowM === m && cst.getUTCDate() < d);
  return cst.getUTCFullYear() - y - (beforeBirthday ? 1 : 0);
}

/** 110101199001011234 -> 110101********1234 */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 张晓明 -> 张** */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** 13800138000 -> 138****8000 */
export function maskPhone(phone: string): string {
  return phone.length < 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
