/**
 * A4 certificate builders for the printing bench: our pdfkit template and the same certificate laid
 * out with pdfmake, both with Noto Sans CJK SC. Run directly with `--cold <pdfkit|pdfmake> <variant>`
 * to time the first document of a fresh process (run.ts spawns one child per cold sample).
 *
 * Variants: `typical` is the sample certificate for a person named 王建国 (every character in GB 2312,
 * so the product draws it with its shipped font subset); `rare` is the sample as committed, whose
 * holder 王䶮堃 has a CJK Ext-A character, so the product draws it with the full Debian collection.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as TemplatesModule from '../../print-templates/index';

const entered = performance.now();
const ROOT = join(import.meta.dirname, '..', '..');
const FONT_DIR = '/usr/share/fonts/opentype/noto';
const SUBSET_DIR = join(ROOT, 'print-templates', 'fonts');

export type Variant = 'typical' | 'rare';

export function certificateData(variant: Variant = 'typical'): Record<string, unknown> {
  const data = JSON.parse(
    readFileSync(join(ROOT, 'print-templates', 'social-insurance-certificate', 'sample.json'), 'utf8'),
  ) as { insured: { name: string } } & Record<string, unknown>;
  if (variant === 'typical') data.insured = { ...data.insured, name: '王建国' };
  return data;
}

type Templates = typeof TemplatesModule;
let templates: Templates | undefined;
let registry: InstanceType<Templates['FontRegistry']> | undefined;

/** Our template through renderPdf; the font registry (parsed font cache) lives for the process. */
export async function buildPdfkit(variant: Variant = 'typical'): Promise<Uint8Array> {
  templates ??= await import('../../print-templates/index');
  registry ??= new templates.FontRegistry((p) => (existsSync(p) ? readFileSync(p) : undefined));
  return templates.renderPdf(templates.socialInsuranceCertificate, certificateData(variant), {
    fonts: registry,
  });
}

/** The font files the product draws a variant with, so pdfmake gets the same fonts. */
function fontsFor(variant: Variant): { normal: string[]; bold: string[] } {
  if (variant === 'rare')
    return {
      normal: [`${FONT_DIR}/NotoSansCJK-Regular.ttc`, 'NotoSansCJKsc-Regular'],
      bold: [`${FONT_DIR}/NotoSansCJK-Bold.ttc`, 'NotoSansCJKsc-Bold'],
    };
  return {
    normal: [join(SUBSET_DIR, 'NotoSansCJKsc-Regular.subset.otf')],
    bold: [join(SUBSET_DIR, 'NotoSansCJKsc-Bold.subset.otf')],
  };
}

interface Month {
  month: string;
  base: number;
  unit: number;
  personal: number;
  paid: boolean;
}

interface PdfMake {
  setFonts(f: unknown): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  createPdf(def: unknown): { getBuffer(): Promise<Buffer> };
}
let pdfmake: PdfMake | undefined;

/** The same certificate content (title, identity grid, month table with repeated header, notes) in pdfmake. */
export async function buildPdfmake(variant: Variant = 'typical'): Promise<Uint8Array> {
  const data = certificateData(variant);
  if (!pdfmake) {
    pdfmake = createRequire(import.meta.url)('pdfmake') as PdfMake;
    pdfmake.setLocalAccessPolicy((p) => p.startsWith(FONT_DIR) || p.startsWith(SUBSET_DIR));
    pdfmake.setUrlAccessPolicy(() => false);
  }
  const { normal, bold } = fontsFor(variant);
  pdfmake.setFonts({ Noto: { normal, bold, italics: normal, bolditalics: bold } });
  const d = data as { insured: { name: string; idNumber: string }; months: Month[]; documentNumber: string };
  const money = (n: number) => n.toFixed(2);
  const def = {
    pageSize: 'A4',
    pageMargins: [51, 51, 51, 62],
    defaultStyle: { font: 'Noto', fontSize: 10 },
    info: { title: `社会保险参保证明 ${d.documentNumber}`, creationDate: new Date('2026-11-23T02:15:00Z') },
    footer: (page: number, count: number) => ({
      text: `第 ${page} 页 / 共 ${count} 页`,
      alignment: 'center',
      fontSize: 9,
    }),
    content: [
      { text: '社会保险参保证明', bold: true, fontSize: 20, alignment: 'center' },
      { text: `编号：${d.documentNumber}`, alignment: 'right', margin: [0, 8] },
      {
        table: {
          widths: ['auto', '*', 'auto', '*'],
          body: [
            [
              '姓名',
              d.insured.name,
              '证件号码',
              `${d.insured.idNumber.slice(0, 6)}********${d.insured.idNumber.slice(-4)}`,
            ],
            ['参保险种', '企业职工基本养老保险', '参保状态', '参保缴费'],
          ],
        },
      },
      {
        margin: [0, 10],
        table: {
          headerRows: 1,
          widths: ['auto', '*', '*', '*', '*', 'auto'],
          body: [
            ['序号', '缴费年月', '缴费基数（元）', '单位缴纳（元）', '个人缴纳（元）', '缴费状态'].map(
              (t) => ({ text: t, bold: true }),
            ),
            ...d.months.map((m, i) => [
              String(i + 1),
              m.month.replace('-', '年') + '月',
              money(m.base),
              money(m.unit),
              money(m.personal),
              m.paid ? '已缴' : '欠缴',
            ]),
          ],
        },
      },
      { text: '说明：本证明依据社会保险经办机构的缴费记录生成。', fontSize: 9 },
      { qr: 'https://zwfw.example.gov.cn/verify?code=7KQ2-M9XD-4HPA-31TZ', fit: 85, margin: [0, 10] },
      { text: '验证码：7KQ2-M9XD-4HPA-31TZ', bold: true },
    ],
  };
  return new Uint8Array(await pdfmake.createPdf(def).getBuffer());
}

// Only when run as the entry point (run.ts imports this module and has its own --cold option).
const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain && process.argv[2] === '--cold') {
  const which = process.argv[3] === 'pdfmake' ? buildPdfmake : buildPdfkit;
  const pdf = await which(process.argv[4] === 'rare' ? 'rare' : 'typical');
  const now = performance.now();
  process.stdout.write(
    `${JSON.stringify({ firstDocMs: now - entered, sinceProcessStartMs: now, bytes: pdf.length })}\n`,
  );
}
