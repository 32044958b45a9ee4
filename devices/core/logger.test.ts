import { describe, expect, it } from 'vitest';
import { MemoryLogger, maskIdNumber, maskName, maskPan, toHex } from './logger';

describe('masking for logs', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['USA110070070401', 'USA110*****0401'],
    ['H12345678', 'H1*****78'],
    ['12345678', '12****78'],
    ['1234567', '*******'],
    ['', ''],
  ])('maskIdNumber(%s) = %s', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
    expect(maskIdNumber(id)).toHaveLength(id.length);
  });

  it('never returns an ID number of any length unmasked, and never throws', () => {
    const id = '810000198001010014';
    for (let n = 0; n <= id.length; n++) {
      const part = id.slice(0, n);
      const masked = maskIdNumber(part);
      if (n > 0) expect(masked).not.toBe(part);
    }
  });

  it('masks names and card numbers', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('王')).toBe('*');
    expect(maskPan('6222021234567890123')).toBe('622202*********0123');
    expect(maskPan('12345')).toBe('*****');
  });

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
