import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildHidPosReports, HidPosReassembler, HONEYWELL_REPORT_02, parseHidPosReport } from './hid-pos';
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
