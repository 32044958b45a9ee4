/** Pure formatting shared by templates. Times are shown in China Standard Time whatever the host zone. */

const CST_OFFSET_MS = 8 * 3600_000;

const cst = (iso: string): Date => new Date(Date.parse(iso) + CST_OFFSET_MS);
const pad = (n: number): string => String(n).padStart(2, '0');

/** 2026-11-23T09:30:00+08:00 -> 2026年11月23日 */
export function formatDate(iso: string): string {
  const d = cst(iso);
  return `${d.getUTCFullYear()}年${pad(d.getUTCMonth() + 1)}月${pad(d.getUTCDate())}日`;
}

/** 2026-11-23T09:30:00+08:00 -> 2026年11月23日 09:30 */
export function formatDateTime(iso: string): string {
  const d = cst(iso);
  return `${formatDate(iso)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 2024-03 -> 2024年03月 */
export function formatMonth(yearMonth: string): string {
  const [y, m] = yearMonth.split('-');
  return `${y}年${m}月`;
}

/** 1234.5 -> 1,234.50 (yuan, two decimals, thousands separators). */
export function formatMoney(amount: number): string {
  const [int = '0', frac = '00'] = amount.toFixed(2).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}
