import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, MemoryLogger } from '../../devices/core';
import { DiagMode } from '../ipc/contract/diagnostics';
import { DiagnosticsAudit } from './audit';
import { DiagnosticsMode, MODE_LIMITS, type SessionGate } from './mode';
import { fileLockoutStore } from './store';
import { TechnicianStore, techniciansFile, verifyPin } from './technicians';

let dir: string;
let store: TechnicianStore;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yizhan-diag-'));
  store = new TechnicianStore(techniciansFile(dir));
  await store.put({ id: 'T01', name: '王工', pin: '246810', cards: ['9001 0000 1234'] });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A session that a test starts and ends by hand. */
function fakeSession() {
  const listeners = new Set<(s: boolean) => void>();
  const s = {
    serving: false,
    open: true,
    set(serving: boolean) {
      s.serving = serving;
      for (const l of listeners) l(serving);
    },
  };
  const gate: SessionGate = {
    serving: () => s.serving,
    accept: (open) => void (s.open = open),
    onServing: (l) => (listeners.add(l), () => listeners.delete(l)),
  };
  return { s, gate };
}

function setup(clock = new ManualClock({ epoch: Date.UTC(2026, 11, 5, 3, 0) })) {
  const { s, gate } = fakeSession();
  const audit = new DiagnosticsAudit(dir, 'hall-01', clock, new MemoryLogger());
  const modes: DiagMode[] = [];
  const mode = new DiagnosticsMode({
    clock,
    session: gate,
    lockout: fileLockoutStore(dir),
    findTechnician: (id) => store.byId(id),
    verifyPin,
    audit: (action, who, detail) => audit.record(action, who, detail),
  });
  mode.events.on('mode', (m) => modes.push(DiagMode.parse(m)));
  return { clock, s, mode, audit, modes };
}

describe('technician PINs', () => {
  it('are stored as scrypt hashes in a 0600 file, and card numbers only as digests', () => {
    const file = techniciansFile(dir);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('246810');
    expect(text).not.toContain('9001');
    expect(text).toMatch(/"pin": "scrypt\$32768\$8\$1\$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(store.byCard('900100001234')?.id).toBe('T01');
  });

  it('verify the right PIN only', async () => {
    const stored = store.byId('T01')!.pin;
    await expect(verifyPin('246810', stored)).resolves.toBe(true);
    await expect(verifyPin('246811', stored)).resolves.toBe(false);
  });
});

describe('vendor mode', () => {
  it('gesture → PIN → active with 暂停服务; exit resumes service; each step audited with the technician', async () => {
    const { s, mode, audit } = setup();
    expect(mode.request('gesture')).toMatchObject({ phase: 'pin', trigger: 'gesture', attemptsLeft: 5 });
    const r = await mode.pin({ technicianId: 'T01', pin: '246810' }, 'screen');
    expect(r).toMatchObject({
      outcome: 'accepted',
      mode: { phase: 'active', outOfService: true, console: 'screen' },
    });
    expect(s.open).toBe(false);
    expect(mode.exit()).toEqual({ phase: 'off', outOfService: false });
    expect(s.open).toBe(true);
    expect(audit.all().map((a) => [a.action, a.technician?.id ?? null])).toEqual([
      ['request', null],
      ['enter', 'T01'],
      ['exit', 'T01'],
    ]);
  });

  it('waits for the citizen being served to finish, holding off new sessions meanwhile', async () => {
    const { s, mode, modes } = setup();
    s.set(true);
    mode.request('cli');
    const r = await mode.pin({ technicianId: 'T01', pin: '246810' }, 'cli');
    expect(r.mode).toMatchObject({ phase: 'waiting', outOfService: false, technician: { id: 'T01' } });
    expect(s.open).toBe(false);
    expect(mode.isActive()).toBe(false);
    s.set(false);
    expect(mode.view()).toMatchObject({ phase: 'active', console: 'cli', outOfService: true });
    expect(modes.map((m) => m.phase)).toEqual(['pin', 'waiting', 'active']);
  });

  it('a technician card names the technician; an unknown id costs an attempt like a wrong PIN', async () => {
    const { mode } = setup();
    expect(mode.request('card', store.byCard('900100001234'))).toMatchObject({
      phase: 'pin',
      technician: { id: 'T01', name: '王工' },
    });
    await expect(mode.pin({ pin: '246810' }, 'screen')).resolves.toMatchObject({ outcome: 'accepted' });
    mode.exit();
    mode.request('gesture');
    await expect(mode.pin({ technicianId: 'NOBODY', pin: '246810' }, 'screen')).resolves.toMatchObject({
      outcome: 'wrong',
      attemptsLeft: 4,
    });
  });

  it('locks after five wrong PINs, across a restart, until the lock time passes on the clock', async () => {
    const { clock, mode, audit } = setup();
    mode.request('gesture');
    for (let i = 1; i < MODE_LIMITS.maxFailures; i++)
      await expect(mode.pin({ technicianId: 'T01', pin: '000000' }, 'screen')).resolves.toMatchObject({
        outcome: 'wrong',
        attemptsLeft: MODE_LIMITS.maxFailures - i,
      });
    const locked = await mode.pin({ technicianId: 'T01', pin: '000000' }, 'screen');
    expect(locked).toMatchObject({
      outcome: 'locked',
      attemptsLeft: 0,
      until: clock.now() + MODE_LIMITS.lockMs,
    });
    // The right PIN does not open a locked mode, nor does asking again.
    expect(mode.request('gesture').phase).toBe('locked');
    await expect(mode.pin({ technicianId: 'T01', pin: '246810' }, 'screen')).resolves.toMatchObject({
      outcome: 'locked',
    });
    mode.dispose();
    // A restart (a new mode on the same data directory) is still locked.
    const again = setup(clock);
    expect(again.mode.view().phase).toBe('locked');
    await clock.advance(MODE_LIMITS.lockMs);
    expect(again.mode.view().phase).toBe('off');
    again.mode.request('gesture');
    await expect(again.mode.pin({ technicianId: 'T01', pin: '246810' }, 'screen')).resolves.toMatchObject({
      outcome: 'accepted',
    });
    expect(audit.all().filter((a) => a.action === 'pinWrong')).toHaveLength(5);
    expect(audit.all().some((a) => a.action === 'locked')).toBe(true);
  });

  it('closes an unanswered PIN pad, and leaves an idle technician out after the idle limit', async () => {
    const { clock, s, mode } = setup();
    mode.request('gesture');
    await clock.advance(MODE_LIMITS.pinWindowMs);
    expect(mode.view().phase).toBe('off');
    mode.request('gesture');
    await mode.pin({ technicianId: 'T01', pin: '246810' }, 'screen');
    await clock.advance(MODE_LIMITS.idleMs - 1000);
    mode.touch();
    await clock.advance(MODE_LIMITS.idleMs - 1000);
    expect(mode.isActive('screen')).toBe(true);
    await clock.advance(1000);
    expect(mode.view().phase).toBe('off');
    expect(s.open).toBe(true);
  });
});
