import { describe, expect, it } from 'vitest';
import { EPSON_STATUS_BITS, KP628_STATUS_BITS } from './profiles';
import {
  decodeAsb,
  decodeRealtime,
  healthOf,
  isAsbHeader,
  isRealtimeReply,
  NO_CONDITIONS,
  StatusClassifier,
  toDetail,
} from './status';

const detailOf = (replies: Parameters<typeof decodeRealtime>[0], bits = EPSON_STATUS_BITS) =>
  toDetail({ ...NO_CONDITIONS, ...decodeRealtime(replies, bits) });

describe('DLE EOT replies (protocols.md §2.6)', () => {
  it('validates the fixed bits 0xx1xx10', () => {
    for (const b of [0x12, 0x1e, 0x72, 0x7e, 0x16, 0x1a, 0x32]) expect(isRealtimeReply(b)).toBe(true);
    for (const b of [0x10, 0x13, 0x02, 0x92, 0x00, 0xff]) expect(isRealtimeReply(b)).toBe(false);
    expect(isRealtimeReply(0x92, KP628_STATUS_BITS.replyMask)).toBe(true);
  });

  it('decodes the n=4 paper examples 12, 1E, 72, 7E', () => {
    expect(detailOf({ 4: 0x12 }).paper).toBe('ok');
    expect(detailOf({ 4: 0x1e }).paper).toBe('nearEnd');
    expect(detailOf({ 4: 0x72 }).paper).toBe('out');
    expect(detailOf({ 4: 0x7e }).paper).toBe('out');
    expect(decodeRealtime({ 4: 0x7e }, EPSON_STATUS_BITS)).toMatchObject({
      paperNearEnd: true,
      paperOut: true,
    });
  });

  it('decodes offline (n=1 bit3), cover open (n=2 bit2) and autocutter error (n=3 bit3)', () => {
    const d = detailOf({ 1: 0x1a, 2: 0x16, 3: 0x1a, 4: 0x12 });
    expect(d).toEqual({ online: false, paper: 'ok', coverOpen: true, cutterError: true, receiptTaken: null });
    expect(detailOf({ 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 })).toEqual({
      online: true,
      paper: 'ok',
      coverOpen: false,
      cutterError: false,
      receiptTaken: null,
    });
  });

  it('reports null for what the model has no sensor for (no autocutter)', () => {
    const c = { ...NO_CONDITIONS, ...decodeRealtime({ 3: 0x1a }, EPSON_STATUS_BITS) };
    expect(toDetail(c).cutterError).toBe(true);
    expect(toDetail(c, { cutter: false }).cutterError).toBeNull();
  });

  it('reads the KP628 presenter bit (n=1 bit7) only on profiles that have it', () => {
    expect(detailOf({ 1: 0x92 }, KP628_STATUS_BITS).receiptTaken).toBe(false);
    expect(detailOf({ 1: 0x12 }, KP628_STATUS_BITS).receiptTaken).toBe(true);
    expect(detailOf({ 1: 0x12 }, EPSON_STATUS_BITS).receiptTaken).toBeNull();
  });

  it('maps conditions to Health', () => {
    const c = (replies: Parameters<typeof decodeRealtime>[0], bits = EPSON_STATUS_BITS) => ({
      ...NO_CONDITIONS,
      ...decodeRealtime(replies, bits),
    });
    expect(healthOf(c({ 4: 0x1e }))).toBe('online');
    expect(healthOf(c({ 4: 0x72 }))).toBe('offline');
    expect(healthOf(c({ 3: 0x1a }))).toBe('hardwareError');
    expect(healthOf(c({ 1: 0x92 }, KP628_STATUS_BITS))).toBe('userError');
  });
});

describe('Automatic Status Back (§2.7) and the byte classifier', () => {
  it('tells ASB headers from real-time replies by (b & 0x93)', () => {
    expect(isAsbHeader(0x10)).toBe(true);
    expect(isAsbHeader(0x38)).toBe(true);
    expect(isAsbHeader(0x12)).toBe(false);
  });

  it('decodes an ASB frame: cover open + offline, paper end', () => {
    expect(decodeAsb([0x38, 0x00, 0x0c, 0x00])).toMatchObject({
      offline: true,
      coverOpen: true,
      paperOut: true,
      cutterError: false,
    });
    expect(decodeAsb([0x10, 0x08, 0x03, 0x00])).toMatchObject({
      cutterError: true,
      paperNearEnd: true,
      paperOut: false,
    });
  });

  it('separates a real-time reply that lands inside an ASB frame, across chunk boundaries', () => {
    const k = new StatusClassifier();
    expect(k.push(Uint8Array.of(0x18, 0x00))).toEqual([]);
    expect(k.push(Uint8Array.of(0x1e, 0x03))).toEqual([{ kind: 'realtime', byte: 0x1e }]);
    expect(k.push(Uint8Array.of(0x00, 0x12, 0xff))).toEqual([
      { kind: 'asb', bytes: [0x18, 0x00, 0x03, 0x00] },
      { kind: 'realtime', byte: 0x12 },
    ]);
    expect(k.noise).toBe(1);
  });
});
