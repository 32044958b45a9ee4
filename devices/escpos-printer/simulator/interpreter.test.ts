import { describe, expect, it } from 'vitest';
import { acceptanceReceipt } from '../../../tests/helpers/escpos-samples';
import { expectedTranscript } from '../../../tests/helpers/escpos-transcript';
import { encodeReceipt, PROFILES, receipt } from '../protocol';
import { EscPosInterpreter, type InterpreterEvent } from './interpreter';
import { transcriptOf } from './render';

const itemsOf = (events: InterpreterEvent[]) => events.flatMap((e) => (e.kind === 'item' ? [e.item] : []));

describe('ESC/POS interpreter round trip', () => {
  it('reads back the receipt text, QR and barcode from the encoded bytes, in any chunking', () => {
    const doc = acceptanceReceipt();
    const profile = PROFILES.kp628;
    const bytes = encodeReceipt(doc, profile);
    for (const chunk of [1, 7, 64, bytes.length]) {
      const interp = new EscPosInterpreter('gb18030');
      const events: InterpreterEvent[] = [];
      for (let off = 0; off < bytes.length; off += chunk)
        events.push(...interp.push(bytes.subarray(off, off + chunk)));
      expect(events.filter((e) => e.kind === 'unknown')).toEqual([]);
      expect(interp.pendingBytes).toBe(0);
      expect(transcriptOf(itemsOf(events), profile.columns)).toBe(expectedTranscript(doc, profile));
    }
  });

  it('keeps the styles: title bold and double size, underline on the footer', () => {
    const events = new EscPosInterpreter().push(encodeReceipt(acceptanceReceipt(), PROFILES['generic-80']));
    const lines = itemsOf(events).filter((i) => i.kind === 'line');
    expect(lines[0]).toMatchObject({
      align: 'center',
      segments: [{ text: '受理回执', style: { bold: true, doubleWidth: true, doubleHeight: true } }],
    });
    expect(lines.at(-1)?.segments[0]?.style.underline).toBe(1);
  });

  it('reports real-time status requests and ASB settings as events, not as text', () => {
    const events = new EscPosInterpreter().push(
      Uint8Array.of(0x10, 0x04, 0x04, 0x1d, 0x61, 0xff, 0x41, 0x0a),
    );
    expect(events).toEqual([
      { kind: 'realtimeStatus', n: 4 },
      { kind: 'statusBack', mask: 0xff },
      {
        kind: 'item',
        item: { kind: 'line', align: 'left', segments: [{ text: 'A', style: expect.anything() as unknown }] },
      },
    ]);
  });

  it('decodes GB18030 four-byte characters and skips unknown commands', () => {
    const bytes = encodeReceipt({ blocks: [receipt.text('㐀中'), receipt.cut()] }, PROFILES.kp628);
    const events = new EscPosInterpreter().push(Uint8Array.of(0x1b, 0x7a, ...bytes));
    expect(events[0]).toMatchObject({ kind: 'unknown' });
    expect(transcriptOf(itemsOf(events), 48)).toBe('㐀中\n[CUT]\n');
  });

  it('reports real-time command sequences found inside raster data', () => {
    const raster = Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x10, 0x04, 0x02, 0x00);
    const events = new EscPosInterpreter().push(raster);
    expect(events[0]).toEqual({ kind: 'realtimeInData', count: 1 });
    expect(events[1]).toMatchObject({ kind: 'item', item: { kind: 'raster' } });
  });
});
