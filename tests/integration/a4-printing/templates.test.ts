import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { samplePath, TEMPLATE_CATALOG } from '../../../print-templates/catalog';
import { FontRegistry, missingGlyphs, PDF_TEMPLATES, renderPdf } from '../../../print-templates/index';
import { RECEIPT_TEMPLATES } from '../../../print-templates/receipts';
import { fonts, render, sample, squash } from './fixtures';
import { pdfFonts, pdfInfo, pdfToText } from './poppler';

const RARE_NAME = '李䶮堃喆燊𠮷';

/** 2026年11月23日 for an epoch in a fixed-offset zone, computed without domain/time. */
const formatDateOnly = (epoch: number, offsetHours: number): string => {
  const d = new Date(epoch + offsetHours * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};
const ids = Object.keys(PDF_TEMPLATES);
const rendered = new Map<string, Uint8Array>();

beforeAll(async () => {
  for (const id of ids) rendered.set(id, await render(id));
}, 120_000);

describe('A4 templates', () => {
  it('has a template for every A4 document the journeys print', () => {
    expect(ids.sort()).toEqual([
      'acceptance-receipt',
      'application-form',
      'blank-form',
      'business-licence',
      'housing-fund-certificate',
      'payment-history',
      'real-estate-info',
      'result-notice',
      'social-insurance-certificate',
    ]);
  });

  it('the catalogue (what `yizhan print --help` lists) is exactly the templates, each with its sample', () => {
    const listed = (kind: string) =>
      Object.fromEntries(TEMPLATE_CATALOG.filter((t) => t.kind === kind).map((t) => [t.id, t.name]));
    const named = (templates: Readonly<Record<string, { name: string }>>) =>
      Object.fromEntries(Object.entries(templates).map(([id, t]) => [id, t.name]));
    expect(listed('a4')).toEqual(named(PDF_TEMPLATES));
    expect(listed('receipt')).toEqual(named(RECEIPT_TEMPLATES));
    for (const { id } of TEMPLATE_CATALOG)
      expect(samplePath(id), id).toMatch(new RegExp(`/${id}/sample\\.json$`));
  });

  it('every template but the blank form (样表, not an issued document) carries a verification code', () => {
    const without = ids.filter((id) => !(sample(id) as { verification?: unknown }).verification);
    expect(without).toEqual(['blank-form']);
    expect(pdfToText(rendered.get('blank-form')!)).not.toContain('验证码');
  });

  it.each(ids)('%s embeds only subset CJK fonts with a Unicode map', (id) => {
    const rows = pdfFonts(rendered.get(id)!);
    expect(rows.map((r) => r.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'NotoSansCJKsc-Bold',
      'NotoSansCJKsc-Regular',
    ]);
    for (const r of rows) expect(r).toMatchObject({ emb: true, sub: true, uni: true });
  });

  it.each(ids)('%s prints its title, verification code and page numbers as text', (id) => {
    const pdf = rendered.get(id)!;
    const text = pdfToText(pdf);
    const data = sample(id) as { verification?: { code: string } };
    const pages = Number(pdfInfo(pdf).Pages);
    if (id !== 'blank-form') expect(text).toContain(`验证码：${data.verification!.code}`);
    // pdftotext drops the spaces around the numbers.
    for (let n = 1; n <= pages; n++) expect(squash(text)).toContain(`第${n}页/共${pages}页`);
    expect(squash(text)).toMatch(/证明|回执|申请表|通知书|缴费记录|查询结果|营业执照/);
  });

  it('is deterministic: same data gives the same bytes, also with a freshly loaded font', async () => {
    const id = 'social-insurance-certificate';
    const again = await render(id);
    expect(Buffer.from(again).equals(Buffer.from(rendered.get(id)!))).toBe(true);
    const info = pdfInfo(again);
    expect(info.CreationDate).toBe('2026-11-23T02:15:00Z');
    const fresh = new FontRegistry((p) => (existsSync(p) ? readFileSync(p) : undefined));
    const fromFresh = await renderPdf(PDF_TEMPLATES[id]!, sample(id), { fonts: fresh });
    expect(Buffer.from(fromFresh).equals(Buffer.from(again))).toBe(true);
    const later = await render(id, { ...sample(id), issuedAt: '2026-11-24T10:15:00+08:00' });
    expect(Buffer.from(later).equals(Buffer.from(again))).toBe(false);
  });

  it('masks the ID number on certificates and prints it in full on the application form', () => {
    const cert = pdfToText(rendered.get('social-insurance-certificate')!);
    expect(cert).toContain('110105********1232');
    expect(cert).not.toContain('110105199001011232');
    expect(pdfToText(rendered.get('housing-fund-certificate')!)).toContain('1102*******9012');
    expect(pdfToText(rendered.get('application-form')!)).toContain('510107197811200017');
    expect(pdfToText(rendered.get('acceptance-receipt')!)).not.toContain('440306198503152712');
  });

  it('the payment history: summary per insurance, every month over several pages, ID masked', () => {
    const pdf = rendered.get('payment-history')!;
    const pages = pdfToText(pdf).split('\f').slice(0, -1).map(squash);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // 22 months of pension, 9 of them … one unpaid (2026-09): written from the sample, not the code.
    expect(pages[0]).toContain('养老保险211');
    expect(pages[0]).toContain('生育保险181');
    expect(pages[0]).toContain('110105********0010');
    expect(pages.join('')).not.toContain('110105198803150010');
    for (const page of pages) expect(page).toContain('缴费年月'); // the header repeats
    expect(pages.at(-1)).toContain('2026年10月生育保险');
    expect(pages.at(-1)).toContain('验证码：JL4K-7Q2M-X9PD-8WE3');
  });

  it('the payment history of a person with no records says so', async () => {
    const text = squash(
      pdfToText(await render('payment-history', { ...sample('payment-history'), records: [] })),
    );
    expect(text).toContain('在查询区间内无社会保险缴费记录');
    expect(text).toContain('参保险种无');
  });

  it('the real-estate result lists each property with its restrictions, or states there is none', async () => {
    const text = squash(pdfToText(rendered.get('real-estate-info')!));
    expect(text).toContain('登记的不动产共2处');
    expect(text).toContain('京(2021)朝阳区不动产权第0012345号');
    expect(text).toContain('110105003002GB00012F00030012');
    expect(text).toContain('抵押有抵押登记');
    expect(text).toContain('440306********2712');
    const none = squash(
      pdfToText(await render('real-estate-info', { ...sample('real-estate-info'), properties: [] })),
    );
    expect(none).toContain('未查询到张晓明名下的不动产登记信息');
    expect(none).toContain('登记数量0处');
  });

  it('the blank form has the filled form’s fields, empty, with boxes for the materials', () => {
    const blank = squash(pdfToText(rendered.get('blank-form')!));
    const filled = squash(pdfToText(rendered.get('application-form')!));
    for (const label of [
      '申请人信息',
      '参保信息',
      '参保起始年月',
      '银行账户',
      '开户银行',
      '申请人承诺',
      '申请人（签字）',
    ])
      for (const form of [blank, filled]) expect(form).toContain(label);
    expect(blank).toContain('□居民身份证原件');
    expect(blank).toContain('姓名证件号码联系电话联系地址');
    expect(blank).toContain('打印日期：2026年12月5日');
  });

  it('the business licence prints its credit code, and a wrong check character is refused', () => {
    const text = squash(pdfToText(rendered.get('business-licence')!));
    expect(text).toContain('统一社会信用代码：92110105MA01XQ7K31');
    expect(text).toContain('类型个体工商户');
    expect(text).toContain('经营范围打字复印；文具用品零售；摄影扩印服务。');
    const result = PDF_TEMPLATES['business-licence']!.schema.safeParse({
      ...sample('business-licence'),
      creditCode: '92110105MA01XQ7K32',
    });
    expect(result.success).toBe(false);
  });

  it('prints times in the zone the site configures (Beijing time by default)', async () => {
    const data = sample('result-notice');
    const beijing = squash(pdfToText(rendered.get('result-notice')!));
    const urumqi = squash(
      pdfToText(await renderPdf(PDF_TEMPLATES['result-notice']!, data, { fonts, timeZone: 'Asia/Urumqi' })),
    );
    const issued = Date.parse((data as { issuedAt: string }).issuedAt);
    const hhmm = (offsetHours: number) =>
      new Date(issued + offsetHours * 3600_000).toISOString().slice(11, 16);
    expect(beijing).toContain(`办结时间${formatDateOnly(issued, 8)}${hhmm(8)}`);
    expect(urumqi).toContain(`办结时间${formatDateOnly(issued, 6)}${hhmm(6)}`);
  });

  it('renders rare name characters (生僻字, incl. CJK Ext-B) as real glyphs', async () => {
    const data = {
      ...sample('acceptance-receipt'),
      applicant: { name: RARE_NAME, idNumber: '440306198503152712' },
    };
    const pdf = await render('acceptance-receipt', data);
    expect(pdfToText(pdf)).toContain(RARE_NAME);
    const regular = fonts.parsed('regular')!;
    for (const ch of RARE_NAME) expect(regular.glyphForCodePoint(ch.codePointAt(0)!).id, ch).not.toBe(0);
    expect(missingGlyphs(regular, RARE_NAME)).toEqual([]);
    expect(missingGlyphs(fonts.parsed('bold')!, RARE_NAME)).toEqual([]);
    // The check can fail: a private-use code point has no glyph.
    expect(missingGlyphs(regular, `${RARE_NAME}\uE000`)).toEqual(['\uE000']);
  });

  it('paginates a 40-month certificate, repeating the table header on every page', async () => {
    const months = Array.from({ length: 40 }, (_, i) => ({
      month: `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
      base: 7000 + i * 10,
      unit: 1120,
      personal: 560,
      paid: i !== 7,
    }));
    const pdf = await render('social-insurance-certificate', {
      ...sample('social-insurance-certificate'),
      months,
    });
    const pages = Number(pdfInfo(pdf).Pages);
    expect(pages).toBeGreaterThanOrEqual(2);
    const firstTablePages = [1, 2].map((p) => pdfToText(pdf, p));
    for (const text of firstTablePages) expect(text).toContain('缴费年月');
    expect(firstTablePages[0]).toContain('2023年01月');
    expect(firstTablePages[1]).toContain('2026年04月');
    const all = pdfToText(pdf);
    expect(all).toContain('39 个月');
    for (let n = 1; n <= pages; n++) expect(squash(all)).toContain(`第${n}页/共${pages}页`);
  });

  it('never leaves the QR code and seal alone on a page: the last table rows go with them', async () => {
    const orphaned: number[] = [];
    // Around the first and second page break of the sample's layout (the panel fell alone at 16–22 and 54–60).
    const counts = [...Array(17).keys()].flatMap((i) => [10 + i, 48 + i]);
    for (const count of counts) {
      const months = Array.from({ length: count }, (_, i) => ({
        month: `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
        base: 8000,
        unit: 1280,
        personal: 640,
        paid: true,
      }));
      const pdf = await render('social-insurance-certificate', {
        ...sample('social-insurance-certificate'),
        months,
      });
      // pdftotext ends every page with a form feed.
      const pages = pdfToText(pdf).split('\f').slice(0, -1).map(squash);
      const last = pages.at(-1)!;
      // The verification panel is on the last page; so must be the 合计 row and at least one month.
      expect(last).toContain('验证码：');
      if (!last.includes('合计') || !last.includes('已缴')) orphaned.push(count);
    }
    expect(orphaned).toEqual([]);
  }, 60_000);
});

describe('template data validation', () => {
  const reject = (id: string, data: unknown) => {
    const result = PDF_TEMPLATES[id]!.schema.safeParse(data);
    expect(result.success).toBe(false);
    return result.error!.issues.map((i) => i.path.join('.'));
  };

  it('rejects a wrong ID check digit, a bad verification code and a non-https URL', () => {
    const s = sample('housing-fund-certificate');
    expect(
      reject('housing-fund-certificate', { ...s, holder: { name: '刘喆', idNumber: '310115199207083628' } }),
    ).toEqual(['holder.idNumber']);
    expect(
      reject('housing-fund-certificate', {
        ...s,
        verification: { code: 'abcd', url: 'http://x.example/v' },
      }).sort(),
    ).toEqual(['verification.code', 'verification.url']);
  });

  it('rejects months out of order and a timestamp without offset', () => {
    const s = sample('social-insurance-certificate') as { months: { month: string }[] };
    const months = [...s.months].reverse();
    expect(reject('social-insurance-certificate', { ...s, months })).toContain('months.1.month');
    expect(reject('social-insurance-certificate', { ...s, issuedAt: '2026-11-23T10:15:00' })).toEqual([
      'issuedAt',
    ]);
  });

  it('requires reasons when a filing is not approved', () => {
    expect(reject('result-notice', { ...sample('result-notice'), reasons: [] })).toEqual(['reasons']);
  });

  it('surfaces every bad field through renderPdf as TemplateDataError', async () => {
    await expect(
      renderPdf(PDF_TEMPLATES['application-form']!, { caseNumber: 'x' }, { fonts }),
    ).rejects.toMatchObject({
      name: 'TemplateDataError',
      issues: expect.arrayContaining([
        expect.stringMatching(/^service:/),
        expect.stringMatching(/^applicant:/),
      ]) as unknown,
    });
  });
});
