// Vendor mode, as XFS defines it: a technician asks to enter (hidden gesture, technician card,
// `yizhan diag`), proves who they are with a PIN, waits for the citizen being served to finish (no
// new session starts meanwhile), then has the terminal to themself while the public sees 暂停服务;
// on leaving (or after an idle limit) service resumes. Wrong PINs lock entry for a while, counted
// across restarts. Every step is audited with the technician's identity.
import type { Clock } from '../../devices/core';
import { Emitter } from '../../devices/core';
import type { DiagMode, DiagTrigger, PinAttempt, PinResult, Technician } from '../ipc/contract/diagnostics';
import type { StoredTechnician } from './technicians';

export const MODE_LIMITS = {
  /** The PIN pad closes by itself after this long. */
  pinWindowMs: 60_000,
  /** Wrong PINs in a row before entry locks. */
  maxFailures: 5,
  /** How long entry stays locked; doubled for each further lockout in a row, up to lockMaxMs. */
  lockMs: 15 * 60_000,
  lockMaxMs: 4 * 60 * 60_000,
  /** A technician who leaves without exiting: service resumes after this long without a call. */
  idleMs: 15 * 60_000,
} as const;

/** What the mode needs from the session: whether a citizen is served, and holding new sessions off. */
export interface SessionGate {
  serving(): boolean;
  /** false: no session starts (not by touch, not by a card) until true again. */
  accept(open: boolean): void;
  onServing(listener: (serving: boolean) => void): () => void;
}

/** The lockout counters, kept across restarts (a reboot must not reset a PIN guesser). */
export interface LockoutStore {
  read(): { failures: number; lockouts: number; until?: number };
  write(state: { failures: number; lockouts: number; until?: number }): void;
}

export type AuditAction =
  'request' | 'pinWrong' | 'locked' | 'enter' | 'waiting' | 'exit' | 'cancel' | 'idleExit';

export interface ModeDeps {
  clock: Clock;
  session: SessionGate;
  lockout: LockoutStore;
  findTechnician(id: string): StoredTechnician | undefined;
  verifyPin(pin: string, stored: string): Promise<boolean>;
  audit(action: AuditAction, technician: Technician | undefined, detail?: Record<string, unknown>): void;
}

type Internal =
  | { phase: 'off' }
  | { phase: 'pin'; trigger: DiagTrigger; technician?: Technician; expiresAt: number }
  | { phase: 'locked'; until: number }
  | { phase: 'waiting'; technician: Technician; console: 'screen' | 'cli'; since: number }
  | { phase: 'active'; technician: Technician; console: 'screen' | 'cli'; since: number; idleEndsAt: number };

const pub = (t: StoredTechnician): Technician => ({ id: t.id, name: t.name });

export class DiagnosticsMode {
  readonly events = new Emitter<{ mode: DiagMode }>();
  #state: Internal = { phase: 'off' };
  #cancelTimer: () => void = () => undefined;
  #checking = false;
  readonly #off: () => void;

  constructor(private readonly d: ModeDeps) {
    this.#off = d.session.onServing((serving) => {
      if (!serving && this.#state.phase === 'waiting')
        this.#activate(this.#state.technician, this.#state.console);
    });
    const lock = d.lockout.read();
    const left = (lock.until ?? 0) - d.clock.now();
    if (lock.until !== undefined && left > 0)
      this.#set({ phase: 'locked', until: lock.until }, left, () => this.#set({ phase: 'off' }));
  }

  get technician(): Technician | undefined {
    const s = this.#state;
    return s.phase === 'waiting' || s.phase === 'active' ? s.technician : undefined;
  }

  /** Whether a technician is in on `console` (every diagnostics action needs it). */
  isActive(console?: 'screen' | 'cli'): boolean {
    const s = this.#state;
    return s.phase === 'active' && (console === undefined || s.console === console);
  }

  view(): DiagMode {
    const s = this.#state;
    switch (s.phase) {
      case 'off':
        return { phase: 'off', outOfService: false };
      case 'pin':
        return {
          phase: 'pin',
          outOfService: false,
          trigger: s.trigger,
          ...(s.technician ? { technician: s.technician } : {}),
          attemptsLeft: Math.max(0, MODE_LIMITS.maxFailures - this.d.lockout.read().failures),
          expiresAt: s.expiresAt,
        };
      case 'locked':
        return { phase: 'locked', outOfService: false, until: s.until };
      case 'waiting':
        return {
          phase: 'waiting',
          outOfService: !this.d.session.serving(),
          technician: s.technician,
          console: s.console,
          since: s.since,
        };
      case 'active':
        return {
          phase: 'active',
          outOfService: true,
          technician: s.technician,
          console: s.console,
          since: s.since,
          idleEndsAt: s.idleEndsAt,
        };
    }
  }

  /**
   * Opens the PIN pad. A card names its technician (`technicianId`); the gesture and the CLI ask
   * for the id with the PIN. Refused (the current view returned) while locked or already in.
   */
  request(trigger: DiagTrigger, technician?: StoredTechnician): DiagMode {
    if (this.#state.phase !== 'off' && this.#state.phase !== 'pin') return this.view();
    const who = technician ? pub(technician) : undefined;
    this.d.audit('request', who, { trigger });
    const expiresAt = this.d.clock.now() + MODE_LIMITS.pinWindowMs;
    this.#set(
      { phase: 'pin', trigger, ...(who ? { technician: who } : {}), expiresAt },
      MODE_LIMITS.pinWindowMs,
      () => this.#set({ phase: 'off' }),
    );
    return this.view();
  }

  /** Checks a PIN (one at a time: a second attempt while one is checked counts as wrong). */
  async pin(attempt: PinAttempt, console: 'screen' | 'cli'): Promise<PinResult> {
    const s = this.#state;
    if (s.phase === 'locked') return this.#result('locked');
    if (s.phase !== 'pin' || this.#checking) return this.#wrong(undefined, 'notAsked');
    const id = s.technician?.id ?? attempt.technicianId;
    const stored = id ? this.d.findTechnician(id) : undefined;
    this.#checking = true;
    let ok = false;
    try {
      // A PIN for an unknown technician costs the same time and counts the same as a wrong one.
      ok = await this.d.verifyPin(attempt.pin, stored?.pin ?? DUMMY_HASH);
    } finally {
      this.#checking = false;
    }
    if (this.#state !== s) return this.#result(this.#state.phase === 'locked' ? 'locked' : 'wrong');
    if (!stored || !ok)
      return this.#wrong(stored ? pub(stored) : undefined, stored ? 'wrongPin' : 'unknownTechnician');
    this.d.lockout.write({ failures: 0, lockouts: 0 });
    const who = pub(stored);
    if (this.d.session.serving()) {
      this.d.session.accept(false);
      this.d.audit('waiting', who, { console });
      this.#set({ phase: 'waiting', technician: who, console, since: this.d.clock.now() });
    } else this.#activate(who, console);
    return this.#result('accepted');
  }

  /** Every diagnostics call keeps the mode alive. */
  touch(): void {
    if (this.#state.phase === 'active') this.#activate(this.#state.technician, this.#state.console, true);
  }

  cancel(): DiagMode {
    const s = this.#state;
    if (s.phase === 'pin' || s.phase === 'waiting') {
      this.d.audit('cancel', 'technician' in s ? s.technician : undefined);
      this.#resume();
    }
    return this.view();
  }

  exit(reason: 'exit' | 'idleExit' = 'exit'): DiagMode {
    const s = this.#state;
    if (s.phase === 'active' || s.phase === 'waiting') {
      this.d.audit(reason, s.technician, { minutes: Math.round((this.d.clock.now() - s.since) / 60_000) });
      this.#resume();
    }
    return this.view();
  }

  dispose(): void {
    this.#off();
    this.#cancelTimer();
  }

  #activate(who: Technician, console: 'screen' | 'cli', renew = false): void {
    this.d.session.accept(false);
    const now = this.d.clock.now();
    const since = renew && this.#state.phase === 'active' ? this.#state.since : now;
    if (!renew) this.d.audit('enter', who, { console });
    this.#set(
      { phase: 'active', technician: who, console, since, idleEndsAt: now + MODE_LIMITS.idleMs },
      MODE_LIMITS.idleMs,
      () => this.exit('idleExit'),
      renew,
    );
  }

  #resume(): void {
    this.#set({ phase: 'off' });
    this.d.session.accept(true);
  }

  #wrong(who: Technician | undefined, why: string): PinResult {
    const lock = this.d.lockout.read();
    const failures = lock.failures + 1;
    this.d.audit('pinWrong', who, { why, failures });
    if (failures < MODE_LIMITS.maxFailures) {
      this.d.lockout.write({ ...lock, failures });
      return this.#result('wrong');
    }
    const ms = Math.min(MODE_LIMITS.lockMs * 2 ** lock.lockouts, MODE_LIMITS.lockMaxMs);
    const until = this.d.clock.now() + ms;
    this.d.lockout.write({ failures: 0, lockouts: lock.lockouts + 1, until });
    this.d.audit('locked', who, { until });
    this.#set({ phase: 'locked', until }, ms, () => this.#set({ phase: 'off' }));
    return this.#result('locked');
  }

  #result(outcome: PinResult['outcome']): PinResult {
    const mode = this.view();
    return {
      outcome,
      attemptsLeft:
        outcome === 'accepted'
          ? MODE_LIMITS.maxFailures
          : Math.max(0, MODE_LIMITS.maxFailures - this.d.lockout.read().failures),
      ...(mode.phase === 'locked' ? { until: mode.until, attemptsLeft: 0 } : {}),
      mode,
    };
  }

  #set(next: Internal, timerMs?: number, onTimer?: () => void, quiet = false): void {
    this.#cancelTimer();
    this.#cancelTimer =
      timerMs !== undefined && onTimer ? this.d.clock.setTimer(timerMs, onTimer) : () => undefined;
    this.#state = next;
    if (!quiet) this.events.emit('mode', this.view());
  }
}

/** A valid hash of nothing anyone knows, so an unknown technician costs a full scrypt too. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
