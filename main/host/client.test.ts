import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../devices/core';
import { HostClient } from './client';

describe('HostClient', () => {
  it('answers notConnected at once when posting to a host that already died throws', async () => {
    const log = new MemoryLogger();
    const client = new HostClient(log, 60_000);
    client.attach({
      post: () => {
        throw new Error('utility process is not running');
      },
      onMessage: () => undefined,
      onExit: () => undefined,
    });
    await expect(client.request('devices:list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'notConnected' },
    });
    expect(log.lines.map((l) => l.event)).toContain('host.postFailed');
  });
});
