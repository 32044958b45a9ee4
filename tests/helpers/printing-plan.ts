// The things the printing crash test prints, built the same way by the test and by the child
// process from a seed: certificates and receipts, each with its own key and its own document number
// (so a printed page or slip tells which key it belongs to).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seededRandom } from './outbox-plan';

const ROOT = path.join(import.meta.dirname, '..', '..');
const sample = (id: string) =>
  JSON.parse(readFileSync(path.join(ROOT, 'print-templates', id, 'sample.json'), 'utf8')) as Record<
    string,
    unknown
  >;

export interface PlannedPrint {
  key: string;
  kind: 'a4' | 'receipt';
  templateId: string;
  data: Record<string, unknown>;
  /** Text that appears on exactly this key's page or slip. */
  mark: string;
}

export function printPlan(seed: number, items: number): PlannedPrint[] {
  const random = seededRandom(seed);
  return Array.from({ length: items }, (_, i) => {
    const key = `crash-${seed}-${i}`;
    if (random() < 0.5) {
      const mark = `SBZM-2026-CRASH-${String(i).padStart(4, '0')}`;
      const id = random() < 0.5 ? 'social-insurance-certificate' : 'housing-fund-certificate';
      return { key, kind: 'a4', templateId: id, data: { ...sample(id), documentNumber: mark }, mark };
    }
    const mark = `YZ20261205-${String(900000 + i)}K`;
    return {
      key,
      kind: 'receipt',
      templateId: 'filing-receipt',
      data: { ...sample('filing-receipt'), trackingNumber: mark, qrPayload: `yizhan://track/${mark}?v=00` },
      mark,
    };
  });
}
