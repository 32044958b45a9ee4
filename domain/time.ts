/**
 * The one time-formatting module: every time printed on paper or shown on a screen goes through it.
 * An instant is shown in the site's zone (Beijing time, Asia/Shanghai, unless the site configures
 * another IANA zone) in the locale's format: zh-CN `2026年12月5日 16:00`, en `5 Dec 2026 16:00`.
 * Clocks are 24-hour, as on every notice in a Chinese service hall.
 *
 * Pure and deterministic: the standard library's Intl gives the wall-clock numbers of a zone, and
 * the patterns are assembled here, so output does not drift with the ICU version of Node or Chromium.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export type TimeLocale = 'zh-CN' | 'en';

export interface TimeOptions {
  /** IANA zone, e.g. Asia/Urumqi; default Asia/Shanghai. */
  timeZone?: string | undefined;
  /** Default zh-CN. */
  locale?: TimeLocale | undefined;
}

/** An ISO 8601 timestamp with offset (`2026-12-05T08:00:01.321Z`), epoch milliseconds or a Date. */
export type Instant = string | number | Date;

/** Wall-clock fields of an instant in a zone; month 1–12. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a zone the runtime knows (`Asia/Shanghai`, `UTC`); site configuration checks with it. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function toEpoch(at: Instant): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) throw new RangeError(`not a point in time: ${String(at)}`);
  return ms;
}

/** The wall clock of `at` in `timeZone` (default Beijing time). */
export function zonedParts(at: Instant, timeZone: string = DEFAULT_TIME_ZONE): ZonedParts {
  const out: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(toEpoch(at)))
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  return {
    year: out.year!,
    month: out.month!,
    day: out.day!,
    hour: out.hour!,
    minute: out.minute!,
    second: out.second!,
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

function dateText(year: number, month: number, day: number, locale: TimeLocale): string {
  return locale === 'en' ? `${day} ${MONTHS_EN[month - 1]} ${year}` : `${year}年${month}月${day}日`;
}

/** 2026年12月5日 / 5 Dec 2026: the calendar day of `at` in the site's zone. */
export function formatDate(at: Instant, opts: TimeOptions = {}): string {
  const p = zonedParts(at, opts.timeZone);
  return dateText(p.year, p.month, p.day, opts.locale ?? 'zh-CN');
}

/** 16:00 (24-hour); with `seconds`, 16:00:01. */
export function formatTime(at: Instant, opts: TimeOptions & { seconds?: boolean } = {}): string {
  const p = zonedParts(at, opts.timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}${opts.seconds ? `:${pad(p.second)}` : ''}`;
}

/** 2026年12月5日 16:00 / 5 Dec 2026 16:00. */
export function formatDateTime(at: Instant, opts: TimeOptions & { seconds?: boolean } = {}): string {
  return `${formatDate(at, opts)} ${formatTime(at, opts)}`;
}

/**
 * A calendar date that is not an instant (`2026-11-30`: a promised completion day, a birth date):
 * printed as it is, in no zone, so it never shifts by a day.
 */
export function formatCalendarDate(isoDate: string, opts: Pick<TimeOptions, 'locale'> = {}): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${isoDate}`);
  return dateText(Number(m[1]), Number(m[2]), Number(m[3]), opts.locale ?? 'zh-CN');
}

/** 2024-03 → 2024年03月 / Mar 2024 (a contribution month; two-digit months line up in tables). */
export function formatYearMonth(yearMonth: string, opts: Pick<TimeOptions, 'locale'> = {}): string {
  const m = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  if (!m) throw new RangeError(`not a year and month (YYYY-MM): ${yearMonth}`);
  const [year, month] = [Number(m[1]), Number(m[2])];
  return opts.locale === 'en' ? `${MONTHS_EN[month - 1]} ${year}` : `${year}年${pad(month)}月`;
}
