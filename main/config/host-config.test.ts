import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostConfig, loadHostConfig } from './host-config';

describe('site time zone', () => {
  it('is Beijing time unless the site configures another, and must be a real zone', () => {
    expect(HostConfig.parse({}).timeZone).toBe('Asia/Shanghai');
    expect(HostConfig.parse({ timeZone: 'Asia/Urumqi' }).timeZone).toBe('Asia/Urumqi');
    const dir = mkdtempSync(path.join(tmpdir(), 'yz-config-'));
    try {
      const file = path.join(dir, 'site.json');
      writeFileSync(file, JSON.stringify({ timeZone: 'Asia/Beijing' }));
      expect(() => loadHostConfig({ YIZHAN_CONFIG: file })).toThrow(/timeZone: not an IANA time zone/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
