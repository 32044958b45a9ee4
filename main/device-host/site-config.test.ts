import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error';
import { REQUIRED_ROLES } from '../config/roles';
import { loadSiteConfig, parseSiteConfig, SIMULATED_SITE } from './site-config';

const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-site-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sim = { kind: 'simulated' };
const hall = [
  { id: 'id-1', family: 'id-card-reader', transport: sim },
  { id: 'rp-1', family: 'escpos-printer', transport: sim },
  { id: 'a4-1', family: 'a4-printer', transport: sim },
];

/** The problems a configuration is refused with, as "path: expected" lines. */
function refused(raw: unknown): string[] {
  try {
    parseSiteConfig(raw, 'site.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    expect(e.message.split('\n')[0]).toBe('invalid kiosk configuration in site.json:');
    return e.problems.map((p) => `${p.path}: ${p.expected}`);
  }
  throw new Error('the configuration was accepted');
}

describe('site configuration', () => {
  it('the simulated site has every role of the product, a 16-door cabinet of the default kind', () => {
    const c = loadSiteConfig(undefined);
    expect(c.devices.flatMap((d) => d.roles).sort()).toEqual(
      [
        'a4Printer',
        'bankCard',
        'camera',
        'idCard',
        'lockers',
        'receiptPrinter',
        'scanner',
        'socialSecurityCard',
      ].sort(),
    );
    expect(c.devices.find((d) => d.family === 'locker-board')?.options).toMatchObject({
      protocol: 'cu',
      cabinet: { doorsPerBoard: 16 },
    });
    expect(SIMULATED_SITE).toMatch(/simulated/);
  });

  it('names a misspelt cabinet key, with the key it probably meant', () => {
    expect(
      refused({
        devices: [
          ...hall,
          { id: 'lk-1', family: 'locker-board', transport: sim, options: { cabinet: { doorsPerBord: 12 } } },
        ],
      }),
    ).toEqual([
      expect.stringMatching(
        /^devices\[3\] \(lk-1\)\.options\.cabinet\.doorsPerBord: unknown option \(did you mean "doorsPerBoard"\?\); known: boards, doorsPerBoard/,
      ),
    ]);
  });

  it('refuses an unknown family, an unknown option, a value out of range and a transport the family cannot use', () => {
    const problems = refused({
      devices: [
        ...hall,
        { id: 'toaster-1', family: 'toaster', transport: sim },
        { id: 'sc-1', family: 'scanner', transport: sim, options: { encodng: 'gbk' } },
        {
          id: 'lk-1',
          family: 'locker-board',
          transport: sim,
          options: { protocol: 'cu', cabinet: { boards: [16] } },
        },
        { id: 'card-1', family: 'pcsc-reader', transport: { kind: 'serial', path: '/dev/ttyS0' } },
      ],
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^devices\[3\] \(toaster-1\)\.family: a known device family, got "toaster"; known: id-card-reader/,
      ),
      expect.stringMatching(
        /^devices\[4\] \(sc-1\)\.options\.encodng: unknown option \(did you mean "encoding"\?\)/,
      ),
      'devices[5] (lk-1).options.cabinet.boards[0]: a board address 0–15 for cu, got 16',
      'devices[6] (card-1).transport.kind: one of pcsc, simulated for pcsc-reader, got "serial"',
    ]);
  });

  it('refuses a transport that is not one of the kinds, saying what is expected', () => {
    const problems = refused({
      devices: [{ id: 'id-1', family: 'id-card-reader', transport: { kind: 'usb' } }],
    });
    expect(problems).toEqual([
      `devices[0].transport.kind: expected one of 'simulated' | 'serial' | 'pcsc' | 'hid' | 'spooler' | 'camera' (got "usb")`,
    ]);
  });

  it('refuses {} (no devices) and says which roles a hall needs; an stm needs its own', () => {
    expect(refused({})).toEqual([
      expect.stringMatching(
        /^devices: every role a hall site needs \(idCard, receiptPrinter, a4Printer\); no device serves idCard, receiptPrinter, a4Printer/,
      ),
    ]);
    expect(REQUIRED_ROLES.stm).toEqual(['socialSecurityCard', 'bankCard', 'receiptPrinter']);
    expect(refused({ site: { profile: 'stm' }, devices: hall })).toEqual([
      expect.stringMatching(/no device serves socialSecurityCard, bankCard/),
    ]);
    expect(() =>
      parseSiteConfig(
        {
          site: { profile: 'stm' },
          devices: [...hall, { id: 'card-1', family: 'pcsc-reader', transport: sim }],
        },
        'x',
      ),
    ).not.toThrow();
  });

  it('accepts a site that lists the roles it runs with, and refuses two devices for one role', () => {
    expect(parseSiteConfig({ site: { requiredRoles: [] } }, 'x').devices).toEqual([]);
    expect(refused({ devices: [...hall, { id: 'id-2', family: 'id-card-reader', transport: sim }] })).toEqual(
      [
        "devices[3] (id-2).roles: one device per role: idCard is already served by id-1 (list this device's roles to split them)",
      ],
    );
  });

  it('names the file for a missing file, invalid JSON and a top-level typo', () => {
    const messages = (file: string) => {
      try {
        loadSiteConfig(file);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('accepted');
    };
    const missing = path.join(dir, 'missing.json');
    expect(messages(missing)).toBe(`invalid kiosk configuration in ${missing}:\n  the file does not exist`);
    const garbage = path.join(dir, 'garbage.json');
    writeFileSync(garbage, 'garbage\n');
    expect(messages(garbage)).toMatch(
      new RegExp(`^invalid kiosk configuration in ${garbage}:\\n  JSON \\(Unexpected token`),
    );
    const typo = path.join(dir, 'typo.json');
    writeFileSync(typo, JSON.stringify({ kiosk: 'x', devices: hall }));
    expect(messages(typo)).toMatch(/\n {2}kiosk: unknown option \(did you mean "kioskId"\?\)/);
  });
});
