/** Pure formatting shared by templates. Times and dates: domain/time (the one time-formatting module). */

/** 1234.5 -> 1,234.50 (yuan, two decimals, thousands separators). */
export function formatMoney(amount: number): string {
  const [int = '0', frac = '00'] = amount.toFixed(2).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/**
 * 110105199001011234 -> 110105********1234: region kept, birth date hidden; numbers of 8–13
 * characters (permits, passports) keep two at each end, shorter ones are fully masked. The same
 * rule as devices/core maskIdNumber (templates may not import devices/, so it is restated here).
 */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  const [head, tail] = id.length >= 14 ? [6, 4] : [2, 2];
  return `${id.slice(0, head)}${'*'.repeat(id.length - head - tail)}${id.slice(-tail)}`;
}

/** 张三丰 -> 张**: the family name only (devices/core maskName, restated for the same reason). */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** Keeps the first 4 and last 4 characters of an account number. */
export function maskAccount(account: string): string {
  if (account.length <= 8) return account;
  return `${account.slice(0, 4)}${'*'.repeat(account.length - 8)}${account.slice(-4)}`;
}
