import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryPair } from '../transports/memory';
import { FrameAssembler, FrameStream, type DecodeResult } from './frames';

// A toy framing for testing the assembler itself: 0x7E len payload[len].
const decode = (buf: Uint8Array): DecodeResult<number[]> => {
  if (buf[0] !== 0x7e) {
    const i = buf.indexOf(0x7e);
    return { kind: 'skip', consumed: i < 0 ? buf.length : i, reason: 'no-start' };
  }
  if (buf.length < 2) return { kind: 'need-more' };
  const len = buf[1]!;
  if (buf.length < 2 + len) return { kind: 'need-more' };
  return { kind: 'frame', frame: [...buf.subarray(2, 2 + len)], consumed: 2 + len };
};
const encode = (p: number[]) => [0x7e, p.length, ...p];

describe('FrameAssembler', () => {
  it('reassembles frames from any chunking and reports skipped noise', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 0x7d }), { maxLength: 20 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1 }),
        (payloads, cuts) => {
          const noise = [1, 2, 3];
          const bytes = Uint8Array.from([...noise, ...payloads.flatMap(encode)]);
          const skipped: number[] = [];
          const a = new FrameAssembler(decode, (_r, b) => skipped.push(...b));
          const out: number[][] = [];
          let off = 0;
          for (let i = 0; off < bytes.length; i++) {
            const n = cuts[i % cuts.length]!;
            out.push(...a.push(bytes.subarray(off, off + n)));
            off += n;
          }
          expect(out).toEqual(payloads);
          expect(skipped).toEqual(noise);
          expect(a.buffered).toBe(0);
        },
      ),
    );
  });
});

describe('FrameStream', () => {
  it('keeps a reply that arrives before next() is called', async () => {
    const [a, b] = memoryPair();
    await a.open();
    await b.open();
    const stream = new FrameStream(a, decode);
    await b.write(Uint8Array.from(encode([9, 9])));
    await new Promise((r) => setImmediate(r));
    await expect(stream.next(() => true, new AbortController().signal)).resolves.toEqual([9, 9]);
  });

  it('rejects a waiting next() when the link is unplugged', async () => {
    const [a, b] = memoryPair();
    await a.open();
    await b.open();
    const stream = new FrameStream(a, decode);
    const waiting = stream.next(() => true, new AbortController().signal);
    a.unplug();
    await expect(waiting).rejects.toMatchObject({ name: 'TransportClosedError' });
  });
});
