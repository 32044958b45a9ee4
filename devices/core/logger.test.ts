import { describe, expect, it } from 'vitest';
import { MemoryLogger, toHex } from './logger';

// The masking rules and their tests live in domain/identity (mask.ts, mask.test.ts).
describe('logger helpers', () => {
  it('caps hex dumps', () => {
    expect(toHex(Uint8Array.of(0xaa, 0x01), 8)).toBe('aa 01');
    expect(toHex(new Uint8Array(10), 2)).toBe('00 00 …(+8)');
  });

  it('MemoryLogger children share one record with their bindings', () => {
    const log = new MemoryLogger();
    log.child({ device: 'r1' }).warn('link.closed', { reason: 'disconnected' });
    expect(log.lines).toEqual([
      { level: 'warn', event: 'link.closed', fields: { device: 'r1', reason: 'disconnected' } },
    ]);
  });
});
