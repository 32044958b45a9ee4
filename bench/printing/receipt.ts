/**
 * Receipt encoding benchmark: a typical 受理回执 (title, ten Chinese key/value lines, QR, CODE128,
 * cut) encoded to ESC/POS by our encoder and, in the same run, by the receiptline package with
 * GB18030 settings. Prints medians and the ratio. Run alone: npx tsx bench/printing/receipt.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import receiptline from 'receiptline';
import {
  createCjkRasterizer,
  encodeReceipt,
  NOTO_CJK_FONT_PATHS,
  PROFILES,
} from '../../devices/escpos-printer';
import { acceptanceReceipt } from '../../tests/helpers/escpos-samples';

const SERIAL = 'SL2026112300042';

/** The same receipt in ReceiptLine markup (48 columns, GB18030). */
function acceptanceReceiptLine(): string {
  const rows: [string, string][] = [
    ['受理编号', SERIAL],
    ['办理事项', '居民身份证换领'],
    ['申请人', '张*丰'],
    ['证件号码', '110105********1234'],
    ['受理时间', '2026-11-23 09:41'],
    ['受理窗口', '24小时自助服务厅 3号机'],
    ['承诺时限', '15个工作日'],
    ['领取方式', '邮寄到付'],
    ['收件地址', '北京市东城区东华门街道正义路2号院3号楼'],
    ['咨询电话', '12345'],
  ];
  return [
    '^^^"受理回执"',
    '北京市政务服务中心',
    '-',
    ...rows.map(([k, v]) => `|${k} | ${v}|`),
    '-',
    '扫码查询办理进度 Scan to track',
    `{code:https://zwfw.example.gov.cn/q?no=${SERIAL}; option:qrcode,6,m}`,
    `{code:${SERIAL}; option:code128,2,80,hri}`,
    '_请妥善保管本回执 Keep this receipt_',
    '',
    '',
    '=',
  ].join('\n');
}

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Interleaves the contenders so machine load affects both alike. */
function measure(
  fns: Record<string, () => unknown>,
  iterations: number,
  warmup = 20,
): Record<string, number> {
  for (let i = 0; i < warmup; i++) for (const f of Object.values(fns)) f();
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let i = 0; i < iterations; i++)
    for (const [name, f] of Object.entries(fns)) {
      const t = performance.now();
      f();
      samples[name]!.push(performance.now() - t);
    }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

const round = (n: number, digits = 3) => Number(n.toFixed(digits));

export async function benchReceipts(): Promise<Record<string, number | string>> {
  const doc = acceptanceReceipt(SERIAL);
  const markup = acceptanceReceiptLine();
  const printer = {
    cpl: 48,
    encoding: 'gb18030' as const,
    command: 'escpos' as const,
    cutting: true,
    spacing: true,
  };
  const ours = encodeReceipt(doc, PROFILES.kp628);
  const theirs = receiptline.transform(markup, printer);

  const text = measure(
    {
      yizhan: () => encodeReceipt(doc, PROFILES.kp628),
      receiptline: () => receiptline.transform(markup, printer),
    },
    300,
  );
  const result: Record<string, number | string> = {
    'receipt.iterations': 300,
    'receipt.yizhan.kp628.medianMs': round(text.yizhan!),
    'receipt.receiptline.gb18030.medianMs': round(text.receiptline!),
    'receipt.ratio.receiptlineOverYizhan': round(text.receiptline! / text.yizhan!, 2),
    'receipt.yizhan.bytes': ours.length,
    'receipt.receiptline.bytes': Buffer.byteLength(theirs, 'binary'),
  };

  const fontPath = NOTO_CJK_FONT_PATHS.find((p) => existsSync(p));
  if (fontPath) {
    const t = performance.now();
    const glyphs = createCjkRasterizer(readFileSync(fontPath));
    result['font.notoCjk.loadMs'] = round(performance.now() - t, 1);
    const raster = measure({ raster: () => encodeReceipt(doc, PROFILES['raster-80'], { glyphs }) }, 30, 3);
    result['receipt.yizhan.raster80.medianMs'] = round(raster.raster!, 2);
    result['receipt.yizhan.raster80.bytes'] = encodeReceipt(doc, PROFILES['raster-80'], { glyphs }).length;
  } else result['receipt.yizhan.raster80.medianMs'] = 'skipped: fonts-noto-cjk not installed';
  return Promise.resolve(result);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchReceipts();
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(42)} ${v}`);
}
