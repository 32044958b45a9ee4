import { describe, expect, test } from 'vitest';
import { deviceOf, fieldsOf, suggestionsFor, withValue } from './config-fields';

const config = {
  kioskId: 'hall-01',
  site: { profile: 'hall', requiredRoles: [] as string[] },
  devices: [
    {
      id: 'id-reader-1',
      family: 'id-card-reader',
      transport: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 },
    },
    { id: 'locker-1', family: 'locker-board', options: { activeLow: false } },
  ],
};

describe('config fields', () => {
  test('lists every leaf by the path the host names in its validation issues', () => {
    const paths = fieldsOf(config).map((f) => `${f.path}=${String(f.value)}`);
    expect(paths).toEqual([
      'kioskId=hall-01',
      'site.profile=hall',
      'devices[0].id=id-reader-1',
      'devices[0].family=id-card-reader',
      'devices[0].transport.kind=serial',
      'devices[0].transport.path=/dev/ttyUSB0',
      'devices[0].transport.baudRate=115200',
      'devices[1].id=locker-1',
      'devices[1].family=locker-board',
      'devices[1].options.activeLow=false',
    ]);
  });

  test('changes one value and leaves the rest, and the original, as they were', () => {
    const port = fieldsOf(config).find((f) => f.path === 'devices[0].transport.path')!;
    const next = withValue(config, port.at, '/dev/ttyUSB3') as typeof config;
    expect(next.devices[0]!.transport!.path).toBe('/dev/ttyUSB3');
    expect(config.devices[0]!.transport!.path).toBe('/dev/ttyUSB0');
    expect(next.devices[1]).toBe(config.devices[1]);
    expect(fieldsOf(next).length).toBe(fieldsOf(config).length);
  });

  test('names the device a field belongs to and offers the usual values', () => {
    const fields = fieldsOf(config);
    const baud = fields.find((f) => f.path.endsWith('baudRate'))!;
    expect(deviceOf(config, baud)).toBe('id-reader-1');
    expect(deviceOf(config, fields[0]!)).toBeUndefined();
    expect(suggestionsFor(baud)).toContain(9600);
    expect(suggestionsFor(fields.find((f) => f.path.endsWith('.path'))!)).toContain('/dev/ttyS0');
    expect(suggestionsFor(fields.find((f) => f.path.endsWith('activeLow'))!)).toEqual([true, false]);
  });
});
