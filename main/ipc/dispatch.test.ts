import { describe, expect, it } from 'vitest';
import { DeviceError, MemoryLogger } from '../../devices/core';
import { diagnosticsChannels } from './contract/diagnostics';
import { flowChannels } from './contract/flow';
import { dispatch, type Handlers } from './dispatch';

const status = {
  deviceId: 'printer-1',
  family: 'escpos-printer',
  health: 'online' as const,
  detail: { paper: 'ok' },
  changedAt: 1,
};
const handlers = (over: Partial<Handlers> = {}): Handlers => ({
  'app:info': () => Promise.resolve({ version: '0.1.0', kioskId: 'k1', mode: 'chromium' }),
  'devices:list': () => Promise.resolve([status]),
  // Not exercised here (filings.test.ts is): a call reaching them would fail the test as internal.
  'filings:submit': () => Promise.reject(new Error('unexpected call')),
  'filings:status': () => Promise.reject(new Error('unexpected call')),
  // The session's channels (tests/integration/session covers them on the real host).
  ...(Object.fromEntries(
    Object.keys(flowChannels.invoke).map((c) => [c, () => Promise.reject(new Error('unexpected call'))]),
  ) as unknown as Pick<Handlers, keyof typeof flowChannels.invoke>),
  // The diagnostics channels (main/diagnostics tests cover them).
  ...(Object.fromEntries(
    Object.keys(diagnosticsChannels.invoke).map((c) => [
      c,
      () => Promise.reject(new Error('unexpected call')),
    ]),
  ) as unknown as Pick<Handlers, keyof typeof diagnosticsChannels.invoke>),
  ...over,
});

describe('dispatch', () => {
  it('returns a validated value', async () => {
    await expect(dispatch('devices:list', {}, handlers(), new MemoryLogger())).resolves.toEqual({
      ok: true,
      value: [status],
    });
  });

  it('refuses unknown channels and invalid input without calling the handler', async () => {
    let called = false;
    const h = handlers({ 'devices:list': () => ((called = true), Promise.resolve([])) });
    await expect(dispatch('fs:read', {}, h, new MemoryLogger())).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await expect(dispatch('devices:list', { extra: 1 }, h, new MemoryLogger())).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalidArgument' },
    });
    expect(called).toBe(false);
  });

  it('keeps a DeviceError code and detail, and hides any other exception', async () => {
    const log = new MemoryLogger();
    const deviceFail = handlers({
      'devices:list': () =>
        Promise.reject(
          new DeviceError('hardware', 'cutter jammed', { deviceId: 'printer-1' }, { detail: 'cutterError' }),
        ),
    });
    await expect(dispatch('devices:list', {}, deviceFail, log)).resolves.toEqual({
      ok: false,
      error: { code: 'hardware', message: 'cutter jammed', detail: 'cutterError', deviceId: 'printer-1' },
    });
    const crash = handlers({ 'devices:list': () => Promise.reject(new Error('ENOENT /secret/path')) });
    const r = await dispatch('devices:list', {}, crash, log);
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'internal error' } });
  });

  it('rejects a handler output that breaks the contract', async () => {
    const bad = handlers({
      'devices:list': () => Promise.resolve([{ ...status, health: 'melting' }] as never),
    });
    await expect(dispatch('devices:list', {}, bad, new MemoryLogger())).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});
