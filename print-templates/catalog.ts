/**
 * Which templates exist, by kind, with their names and where their sample data is: light enough for
 * `yizhan print --help` (no pdfkit, no fonts). `tests/integration/a4-printing/templates.test.ts`
 * checks it against the templates themselves, so it cannot drift.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CatalogEntry {
  id: string;
  name: string;
  kind: 'a4' | 'receipt';
}

export const TEMPLATE_CATALOG: readonly CatalogEntry[] = [
  { id: 'acceptance-receipt', name: '受理回执', kind: 'a4' },
  { id: 'social-insurance-certificate', name: '参保证明', kind: 'a4' },
  { id: 'housing-fund-certificate', name: '公积金缴存证明', kind: 'a4' },
  { id: 'payment-history', name: '参保缴费记录', kind: 'a4' },
  { id: 'real-estate-info', name: '不动产登记信息查询结果', kind: 'a4' },
  { id: 'application-form', name: '申请表', kind: 'a4' },
  { id: 'blank-form', name: '空白申请表（样表）', kind: 'a4' },
  { id: 'result-notice', name: '办件结果', kind: 'a4' },
  { id: 'business-licence', name: '营业执照（个体工商户）', kind: 'a4' },
  { id: 'filing-receipt', name: '受理回执（凭条）', kind: 'receipt' },
  { id: 'queue-ticket', name: '排队取号', kind: 'receipt' },
  { id: 'locker-slip', name: '存取件凭条', kind: 'receipt' },
  { id: 'balance-slip', name: '余额查询凭条', kind: 'receipt' },
  { id: 'check-in-slip', name: '预约签到凭条', kind: 'receipt' },
  { id: 'print-record-slip', name: '打印凭条', kind: 'receipt' },
];

/** The sample data file of a template (absolute path), or undefined when not shipped (a bundle). */
export function samplePath(id: string): string | undefined {
  // From source this module sits beside the templates; a bundle sits in dist/cli/ of the product's tree.
  for (const rel of [`./${id}/sample.json`, `../../print-templates/${id}/sample.json`]) {
    try {
      const path = fileURLToPath(new URL(rel, import.meta.url));
      if (existsSync(path)) return path;
    } catch {
      // not a file: URL
    }
  }
  return undefined;
}
