import { describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../device-host/site-config';
import { defaultDevices } from './default-devices';
import { HostConfig } from './host-config';

describe('site time zone', () => {
  it('is Beijing time unless the site configures another, and must be a real zone', () => {
    expect(HostConfig.parse({}).site.timeZone).toBe('Asia/Shanghai');
    expect(HostConfig.parse({ site: {} }).site.timeZone).toBe('Asia/Shanghai');
    expect(HostConfig.parse({ site: { timeZone: 'Asia/Urumqi' } }).site.timeZone).toBe('Asia/Urumqi');
    expect(() =>
      parseSiteConfig({ site: { timeZone: 'Asia/Beijing' }, devices: defaultDevices() }, 'site.json'),
    ).toThrow(/site\.timeZone: .*IANA time zone/);
  });
});

describe('site idle limit', () => {
  it('is 90 s unless the site sets 30 to 600 whole seconds', () => {
    expect(HostConfig.parse({}).site.idleSeconds).toBe(90);
    expect(HostConfig.parse({ site: { idleSeconds: 45 } }).site.idleSeconds).toBe(45);
    for (const bad of [10, 29, 601, 45.5])
      expect(() =>
        parseSiteConfig({ site: { idleSeconds: bad }, devices: defaultDevices() }, 'site.json'),
      ).toThrow(/site\.idleSeconds/);
  });
});
