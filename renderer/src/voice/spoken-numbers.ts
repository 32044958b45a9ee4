// Arabic numbers → hanzi before speech synthesis. espeak-ng's Mandarin voice drops 零 inside
// numbers (108 → "一百八", 2026 → "两千二十六"; toolchain.md §10), so prompts never reach it with digits.

const DIGITS = '零一二三四五六七八九';
const UNITS = ['', '十', '百', '千'];
/** Measure words after which a lone 2 is said 两 (两秒, 两张). */
const MEASURE = /^(秒|分钟|小时|天|个|份|张|页|位|次|种|台|扇|件|本|人)/;
/** Units after which a long number is an amount, read as a number rather than digit by digit. */
const AMOUNT = /^(元|万|人|次|页|张|份)/;

/** A number below 10,000 read as a cardinal; `leading` allows 十五 for 15 rather than 一十五. */
function group(n: number, leading: boolean): string {
  const d = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  let out = '';
  let zero = false;
  let started = false;
  for (let i = 0; i < 4; i++) {
    const digit = d[i]!;
    const unit = UNITS[3 - i]!;
    if (digit === 0) {
      zero = started;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    const isTeen = i === 2 && digit === 1 && !started && leading;
    out += (isTeen ? '' : DIGITS[digit]) + unit;
    started = true;
  }
  return out;
}

/** A whole number below 100,000,000 as spoken Chinese (108 → 一百零八, 20015 → 二万零一十五). */
export function cardinal(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e8) throw new RangeError(`cannot read ${n}`);
  if (n === 0) return '零';
  const high = Math.floor(n / 10000);
  const low = n % 10000;
  if (high === 0) return group(low, true);
  let out = `${group(high, true)}万`;
  if (low === 0) return out;
  if (low < 1000) out += '零';
  return out + group(low, false);
}

/** Each digit on its own, as years, codes and phone numbers are read (2026 → 二零二六). */
export function digitByDigit(s: string): string {
  return [...s].map((c) => DIGITS[Number(c)]).join('');
}

/**
 * Replaces every run of digits in `text` by hanzi: decimals with 点, years (2026年), codes with a
 * leading zero and long numbers digit by digit, others as cardinals; a lone 2 before a measure
 * word becomes 两.
 */
export function numbersToHanzi(text: string): string {
  return text.replace(/\d+(?:\.\d+)?/g, (run: string, at: number) => {
    const after = text.slice(at + run.length).trimStart();
    const [whole, fraction] = run.split('.') as [string, string | undefined];
    let spoken: string;
    if (/^年/.test(after) && whole.length === 4) spoken = digitByDigit(whole);
    else if ((whole.length > 1 && whole.startsWith('0')) || (whole.length > 4 && !AMOUNT.test(after)))
      spoken = digitByDigit(whole);
    else if (whole.length > 8) spoken = digitByDigit(whole);
    else if (whole === '2' && !fraction && MEASURE.test(after)) spoken = '两';
    else spoken = cardinal(Number(whole));
    return fraction ? `${spoken}点${digitByDigit(fraction)}` : spoken;
  });
}

/** Text as handed to the Mandarin voice: numbers in hanzi, no spaces between hanzi (a space is a pause). */
export function spokenMandarin(text: string): string {
  return numbersToHanzi(text).replace(/(\p{Script=Han})\s+(?=\p{Script=Han})/gu, '$1');
}
