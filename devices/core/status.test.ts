import { describe, expect, it } from 'vitest';
import { HEALTH_VALUES, StatusCell, type DeviceStatus } from './status';

describe('StatusCell', () => {
  it('starts as noDevice and notifies only real changes', () => {
    let t = 1000;
    const cell = new StatusCell(
      'r1',
      'id-card-reader',
      { card: 'absent', baud: null as number | null },
      () => t,
    );
    const seen: DeviceStatus<{ card: string; baud: number | null }>[] = [];
    cell.subscribe((s) => seen.push(s));
    expect(cell.current).toMatchObject({ health: 'noDevice', changedAt: 1000 });
    t = 2000;
    cell.update({ health: 'online', detail: { baud: 115200 } });
    cell.update({ health: 'online', detail: { baud: 115200 } });
    t = 3000;
    cell.update({ detail: { card: 'read' } });
    expect(seen.map((s) => [s.health, s.detail.card, s.detail.baud, s.changedAt])).toEqual([
      ['online', 'absent', 115200, 2000],
      ['online', 'read', 115200, 3000],
    ]);
  });

  it('records an error without changing health, and keeps changedAt for health and detail only', () => {
    let t = 10;
    const cell = new StatusCell('r1', 'x', {}, () => t);
    cell.update({ health: 'online' });
    t = 20;
    cell.update({ lastError: { code: 'userAction', detail: 'cardReadFailed' } });
    expect(cell.current).toMatchObject({
      health: 'online',
      changedAt: 10,
      lastError: { code: 'userAction', detail: 'cardReadFailed', at: 20 },
    });
  });

  it('has the closed XFS4IoT-style health vocabulary', () => {
    expect(HEALTH_VALUES).toEqual([
      'online',
      'offline',
      'noDevice',
      'hardwareError',
      'userError',
      'busy',
      'powerOff',
    ]);
  });
});
