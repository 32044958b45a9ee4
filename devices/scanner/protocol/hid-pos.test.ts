import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildHidPosReports,
  HID_POS_PROFILES,
  HidPosReassembler,
  HONEYWELL_REPORT_02,
  parseHidPosReport,
} from './hid-pos';
import { decodeScan } from './scan-data';

/** Reads a *.hex fixture: one report per line, '#' comments. */
const fixture = (name: string): Uint8Array[] =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => Uint8Array.from(l.split(/\s+/).map((b) => parseInt(b, 16))));

describe('HID POS reports, Honeywell report 02 profile', () => {
  it('reads one short report: length, AIM id, data', () => {
    const [report] = fixture('honeywell-report02-code128.constructed.hex');
    expect(parseHidPosReport(report!, HONEYWELL_REPORT_02)).toEqual({
      aim: ']C0',
      data: new TextEncoder().encode('SF1234567890'),
      more: false,
    });
  });

  it('concatenates continued reports of a long QR code until the flag is 0', () => {
    const reports = fixture('honeywell-report02-long-qr.constructed.hex');
    expect(reports).toHaveLength(3);
    const r = new HidPosReassembler(HONEYWELL_REPORT_02);
    expect(r.push(reports[0]!)).toBeUndefined();
    expect(r.push(reports[1]!)).toBeUndefined();
    const whole = r.push(reports[2]!);
    expect(whole?.aim).toBe(']Q1');
    const text = decodeScan(whole!.data, { aimPrefix: false }).text;
    expect(text).toBe(
      'https://zwfw.example.gov.cn/ymb/verify?code=一码办-网证-3F9A2C7D&name=张*&item=社会保障卡申领&ts=20261123T180000',
    );
    expect(r.pending).toBe(false);
  });

  it('ignores reports with another ID', () => {
    const r = new HidPosReassembler(HONEYWELL_REPORT_02);
    expect(r.push(Uint8Array.of(0x01, 0x00, 0x04, 0x00))).toBeUndefined();
    expect(r.pending).toBe(false);
  });

  it('builds reports that parse back to the same data', () => {
    const data = new Uint8Array(130).map((_, i) => i);
    const reports = buildHidPosReports(data, ']d2', HONEYWELL_REPORT_02);
    expect(reports.map((x) => x.length)).toEqual([64, 64, 64]);
    const r = new HidPosReassembler(HONEYWELL_REPORT_02);
    const out = reports.map((x) => r.push(x)).at(-1);
    expect(out).toEqual({ data, aim: ']d2' });
  });
});

// Edges of the report layout (each found by a surviving mutant, issue #12). "P" is a made-up
// layout with the continuation flag first, the length second and no AIM id, so that no offset of
// the Honeywell profile hides a mistake: report = 04 | more | length | 4 data bytes (7 bytes).
describe('HID POS reports, layout edges', () => {
  const P = {
    name: 'p',
    reportId: 0x04,
    lengthOffset: 1,
    aimOffset: undefined,
    dataOffset: 2,
    dataCapacity: 4,
    continuationOffset: 0,
  };
  const bytes = (s: string) => Uint8Array.from(s.split(' ').map((b) => parseInt(b, 16)));
  it('builds reports in any profile’s layout', () => {
    expect(buildHidPosReports(bytes('41 42 43 44 45 46'), ']Q1', P)).toEqual([
      bytes('04 01 04 41 42 43 44'),
      bytes('04 00 02 45 46 00 00'),
    ]);
    // without a continuation flag the report is just long enough for the data
    const flat = { ...P, continuationOffset: undefined, lengthOffset: 0, dataOffset: 1 };
    expect(buildHidPosReports(bytes('41'), undefined, flat)).toEqual([bytes('04 01 41 00 00 00')]);
  });
  it('sends one report for no data, and one for exactly a report’s capacity', () => {
    expect(buildHidPosReports(new Uint8Array(0), undefined, P)).toEqual([bytes('04 00 00 00 00 00 00')]);
    expect(buildHidPosReports(bytes('41 42 43 44'), undefined, P)).toEqual([bytes('04 00 04 41 42 43 44')]);
    const full = buildHidPosReports(new Uint8Array(56).fill(0x41), undefined, HONEYWELL_REPORT_02);
    expect(full).toHaveLength(1);
    expect(full[0]?.[1 + 62]).toBe(0);
  });
  it('leaves the AIM bytes zero when there is no AIM id', () => {
    const [r] = buildHidPosReports(bytes('41'), undefined, HONEYWELL_REPORT_02);
    expect(r && [...r.subarray(0, 6)]).toEqual([0x02, 0x01, 0, 0, 0, 0x41]);
    expect(r).toHaveLength(64);
  });
  it('ignores other report ids and reports too short for the data offset', () => {
    expect(parseHidPosReport(bytes('03 01 5d 51 31 41'), HONEYWELL_REPORT_02)).toBeUndefined();
    expect(parseHidPosReport(bytes('02 01 5d 51'), HONEYWELL_REPORT_02)).toBeUndefined();
    // exactly up to the data offset: an empty fragment
    expect(parseHidPosReport(bytes('02 01 5d 51 31'), HONEYWELL_REPORT_02)).toEqual({
      aim: ']Q1',
      data: new Uint8Array(0),
      more: false,
    });
  });
  it('names the Honeywell layout, each profile under its own name', () => {
    expect(HID_POS_PROFILES.honeywell).toBe(HONEYWELL_REPORT_02);
    for (const [name, profile] of Object.entries(HID_POS_PROFILES)) expect(profile.name).toBe(name);
  });
  it('reads no AIM id from zero AIM bytes, and keeps the first report’s AIM id for a continued code', () => {
    expect(parseHidPosReport(bytes('02 01 00 00 00 41'), HONEYWELL_REPORT_02)).toEqual({
      aim: undefined,
      data: bytes('41'),
      more: false,
    });
    const first = new Uint8Array(64);
    first.set(bytes('02 01 5d 51 31 41'));
    first[1 + 62] = 1;
    const r = new HidPosReassembler(HONEYWELL_REPORT_02);
    expect(r.push(first)).toBeUndefined();
    expect(r.push(bytes('02 01 00 00 00 42'))).toEqual({ data: bytes('41 42'), aim: ']Q1' });
  });
});
