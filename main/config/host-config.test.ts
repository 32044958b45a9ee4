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
