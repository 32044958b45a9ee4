import { describe, expect, it } from 'vitest';
import { createJsonLogger } from './json-logger';

describe('json logger', () => {
  it('writes one JSON object per line and masks anything shaped like an ID number', () => {
    const lines: string[] = [];
    const log = createJsonLogger(
      { component: 't' },
      { write: (l) => lines.push(l), now: () => new Date(0) },
    ).child({ kiosk: 'k1' });
    log.info('card.read', { note: 'holder 11010519491231002X read', attempts: 1 });
    log.debug('hidden');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      level: 'info',
      event: 'card.read',
      component: 't',
      kiosk: 'k1',
      note: 'holder 110105********002X read',
      attempts: 1,
    });
  });

  it('masks every kind of ID number, card numbers and mobile numbers, nested values included', () => {
    const lines: string[] = [];
    const log = createJsonLogger({}, { write: (l) => lines.push(l), now: () => new Date(0) });
    log.warn('x', {
      error: { message: 'no records for USA110070070401', cause: ['pan 6222021234567890128'] },
      phone: '13800138000',
      count: 3,
    });
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      error: { message: 'no records for USA**********01', cause: ['pan 622202*********0128'] },
      phone: '138****8000',
      count: 3,
    });
  });
});
