/** Pure formatting shared by templates. Times and dates: domain/time; masking: domain/identity. */

/** 1234.5 -> 1,234.50 (yuan, two decimals, thousands separators). */
export function formatMoney(amount: number): string {
  const [int = '0', frac = '00'] = amount.toFixed(2).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}
