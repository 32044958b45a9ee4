/**
 * Time limits of a session. A kiosk is read from further away and by people less used to screens
 * than a phone: the idle limit is generous, and the last 30 s ask "need more time?" (WCAG 2.2
 * 2.2.1 asks for at least 20 s to respond). Elder mode (长辈模式) doubles every limit the citizen
 * faces; what the terminal waits for (a 秒批 decision, a hung device) does not depend on the mode.
 */
export const LIMITS = {
  /** No touch for this long ends the session… */
  idleMs: 90_000,
  /** …and the last part of it shows the countdown with "need more time?". */
  warnMs: 30_000,
  /** How long the end of a session waits for a card, a receipt or a door left behind. */
  remindersMs: 30_000,
  /** A request with no answer for this long is a `timeout` fault (the runner has its own, shorter deadlines). */
  busyMs: 120_000,
} as const;

export const citizenLimit = (ms: number, elder: boolean): number => (elder ? ms * 2 : ms);

/** The idle limit a site may set (`site.idleSeconds`), and the smallest one: the warning still gets 20 s. */
export const IDLE_SECONDS = { min: 30, max: 600 } as const;

/**
 * The idle limits of a site whose idle time is `idleMs`: the warning is the last 30 s, or a third of a
 * shorter limit but never under the 20 s WCAG 2.2 2.2.1 asks for.
 */
export function idleLimits(idleMs: number = LIMITS.idleMs): { idleMs: number; warnMs: number } {
  return { idleMs, warnMs: Math.min(LIMITS.warnMs, Math.max(20_000, Math.round(idleMs / 3))) };
}
