// Deterministic filings for the outbox tests: the parent test and the kiosk child process build
// the same plan from the same seed, so the parent knows exactly what must reach the server.
import { createHash } from 'node:crypto';
import type { FilingInput, MaterialInput } from '../../main/backend';
import type { SubmitFilingInput } from '../../main/ipc/contract';

/** mulberry32: a tiny seeded PRNG so failures reproduce with the printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid-looking GB 11643 ID number (checksum correct) for applicant `i`. */
export function testIdNumber(i: number): string {
  const body = `11010519${String(80 + (i % 20)).padStart(2, '0')}0101${String(100 + (i % 900)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, k) => acc + Number(d) * weights[k]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** `size` deterministic bytes that start like a JPEG or a PDF (the magic the back office checks). */
export function sampleBytes(seed: string, size: number, kind: 'jpeg' | 'pdf'): Uint8Array {
  const out = new Uint8Array(size);
  let block = createHash('sha256').update(seed).digest();
  for (let off = 0; off < size; off += block.length) {
    out.set(block.subarray(0, Math.min(block.length, size - off)), off);
    block = createHash('sha256').update(block).digest();
  }
  if (kind === 'jpeg') out.set([0xff, 0xd8, 0xff, 0xe0], 0);
  else out.set(new TextEncoder().encode('%PDF-1.4\n'), 0);
  return out;
}

export function planFiling(seed: number, i: number): FilingInput {
  const random = seededRandom(seed * 1000 + i);
  const materials: MaterialInput[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let m = 0; m < count; m++) {
    const pdf = m === count - 1 && random() < 0.4;
    const size = 20_000 + Math.floor(random() * 180_000);
    materials.push({
      name: pdf ? `申请表-${i}.pdf` : `身份证-${i}-${m}.jpg`,
      kind: pdf ? 'applicationForm' : 'idCardCopy',
      contentType: pdf ? 'application/pdf' : 'image/jpeg',
      bytes: sampleBytes(`${seed}/${i}/${m}`, size, pdf ? 'pdf' : 'jpeg'),
    });
  }
  return {
    localId: `session-${seed}-${i}`,
    serviceId: 'generic-application',
    applicant: { idNumber: testIdNumber(i), name: `测试申请人${i}`, phone: '13800138000' },
    form: { testTag: `session-${seed}-${i}`, subject: '综合申请测试', copies: 1 + (i % 3) },
    delivery: { method: 'locker' },
    materials,
  };
}

export const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A planned filing as the page sends it over `filings:submit` (materials in base64). */
export function submitInput(f: FilingInput): SubmitFilingInput {
  return {
    localId: f.localId!,
    serviceId: f.serviceId,
    applicant: f.applicant,
    form: f.form,
    delivery:
      f.delivery.method === 'post'
        ? { method: 'post', address: f.delivery.address! }
        : { method: f.delivery.method },
    materials: f.materials.map((m) => ({
      name: m.name,
      kind: m.kind,
      contentType: m.contentType,
      data: Buffer.from(m.bytes).toString('base64'),
    })),
  };
}
