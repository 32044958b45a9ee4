import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROFILES, type SimulatedReceipt } from '../../../devices/escpos-printer';
import { layoutDocument } from '../../../devices/escpos-printer/protocol';
import { RECEIPT_TEMPLATES, renderReceipt } from '../../../print-templates/receipts';
import { pngDifference } from '../../helpers/png-diff';
import { printOnSimulator } from '../../helpers/receipt-print';

// Each receipt template's sample, encoded for a KP628 (80 mm) and printed by the simulated printer:
// the PNG it draws is compared with the golden image next to the template (pixel-exact, as the
// printer's own golden tests do), and the transcript with wording written here by hand.
// Regenerate after an intended change, then look at the images:
//   UPDATE_SNAPSHOTS=1 npx vitest run tests/integration/receipts/templates.test.ts
const ROOT = join(import.meta.dirname, '..', '..', '..');
const update = process.env.UPDATE_SNAPSHOTS === '1';
const ids = Object.keys(RECEIPT_TEMPLATES);
const sample = (id: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(ROOT, 'print-templates', id, 'sample.json'), 'utf8')) as Record<
    string,
    unknown
  >;
const printed = new Map<string, SimulatedReceipt>();

beforeAll(async () => {
  for (const id of ids)
    printed.set(
      id,
      await printOnSimulator(renderReceipt(RECEIPT_TEMPLATES[id]!, sample(id)), PROFILES.kp628),
    );
}, 60_000);

/** The transcript with runs of spaces collapsed, so column padding does not matter. */
const text = (id: string) => printed.get(id)!.transcript.replace(/ +/g, ' ');

describe('receipt templates', () => {
  it('has a template for every slip the journeys print', () => {
    expect(ids.sort()).toEqual([
      'balance-slip',
      'check-in-slip',
      'filing-receipt',
      'locker-slip',
      'print-record-slip',
      'queue-ticket',
    ]);
  });

  it.each(ids)('%s looks as approved (KP628, 80 mm)', (id) => {
    const file = join(ROOT, 'print-templates', id, '__snapshots__', 'receipt.kp628.png');
    const png = printed.get(id)!.png;
    if (update) {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, png);
    }
    if (!existsSync(file)) throw new Error(`no golden receipt for ${id}: run with UPDATE_SNAPSHOTS=1`);
    const { gotSize, wantSize, differing } = pngDifference(png, readFileSync(file));
    expect(gotSize).toEqual(wantSize);
    expect(differing).toBe(0);
  });

  it.each(ids)('%s prints completely and ends with a cut', (id) => {
    const r = printed.get(id)!;
    expect(r.interrupted).toBe(false);
    expect(r.transcript.trimEnd().endsWith('[CUT]')).toBe(true);
  });

  it('the filing receipt: service, tracking number, masked applicant, Beijing time, progress QR', () => {
    const t = text('filing-receipt');
    expect(t).toContain('受理回执');
    expect(t).toContain('办理事项 居住证申领');
    expect(t).toContain('YZ20261205-000123K');
    expect(t).toContain('申请人 张**');
    expect(t).toContain('证件号码 440306********2712');
    // 07:59:40 UTC is 15:59 in Beijing; printed at 16:00 (issue #8: never UTC on paper).
    expect(t).toContain('提交时间 2026年12月5日 15:59');
    expect(t).toContain('打印时间 2026年12月5日 16:00');
    expect(t).toContain('承诺办结 2026年12月19日');
    expect(t).toContain('领取方式 智能柜领取');
    expect(t).toContain('[QR yizhan://track/YZ20261205-000123K?v=3f9a0c1d2e4b]');
    expect(t).not.toContain('T07:59');
    expect(t).not.toContain('440306198503152712');
    expect(t).not.toContain('张晓明');
  });

  it('the queue ticket: number, counter theme, people waiting ahead, time and note', () => {
    const t = text('queue-ticket');
    expect(t).toMatch(/^ *排队取号$/m);
    expect(t).toMatch(/^ *A023$/m);
    expect(t).toContain('您前面还有 5 人等候');
    expect(t).toContain('业务类型 社保医保业务');
    expect(t).toContain('办理窗口 12-15号窗口');
    expect(t).toContain('取号时间 2026年12月5日 09:12');
    expect(t).toContain('本号当日有效。');
  });

  it('the locker slip: door, tracking number as text and CODE128, when the door closed', () => {
    const t = text('locker-slip');
    expect(t).toContain('材料投递凭条');
    expect(t).toContain('柜门 A柜 12号');
    expect(t).toContain('投递时间 2026年12月5日 19:20');
    expect(t).toContain('[CODE128 YZ20261203-000087P]');
    expect(t).toContain('· 户口簿复印件 1 份');
    const pickup = renderReceipt(RECEIPT_TEMPLATES['locker-slip']!, {
      ...sample('locker-slip'),
      action: 'pickup',
    });
    expect(JSON.stringify(pickup)).toContain('结果领取凭条');
    expect(JSON.stringify(pickup)).toContain('领取时间');
  });

  it('the balance slip: housing fund and medical insurance, masked, balance in large print', async () => {
    const t = text('balance-slip');
    expect(t).toContain('住房公积金余额');
    expect(t).toContain('姓名 刘*');
    expect(t).toContain('个人账号 1102*******9012');
    expect(t).toContain('186,432.55 元');
    expect(t).toContain('缴至年月 2026年11月');
    expect(t).not.toContain('110203456789012');
    const medical = await printOnSimulator(
      renderReceipt(RECEIPT_TEMPLATES['balance-slip']!, {
        hall: { name: '工商银行朝阳支行 智能柜员机', terminal: 'STM-02' },
        printedAt: '2026-12-05T06:31:02Z',
        account: 'medicalInsurance',
        holder: { name: '王芳', idNumber: '110105199001011232' },
        scheme: '职工基本医疗保险',
        insuredIn: '北京市朝阳区',
        balance: 3250.4,
        spentThisYear: 812,
        asOf: '2026-12-05T06:30:58Z',
      }),
      PROFILES.kp628,
    );
    const m = medical.transcript.replace(/ +/g, ' ');
    expect(m).toContain('医保个人账户余额');
    expect(m).toContain('3,250.40 元');
    expect(m).toContain('本年已支出 812.00 元');
    expect(m).toContain('证件号码 110105********1232');
  });

  it('the check-in slip: number, slot in Beijing time, counters', () => {
    const t = text('check-in-slip');
    expect(t).toContain('预约签到');
    expect(t).toMatch(/^ *Y005$/m);
    expect(t).toContain('预约时段 2026年12月7日 10:00-10:30');
    expect(t).toContain('预约人 陈*');
    expect(t).toContain('签到成功');
  });

  it('the print record: each document with its code, and where to collect one that did not print', () => {
    const t = text('print-record-slip');
    expect(t).toContain('1. 社会保险参保证明 (2 页)\n状态 已打印\n验证码 7KQ2-M9XD-4HPA-31TZ');
    expect(t).toContain('2. 住房公积金缴存证明 (1 页)\n状态 ** 未打印 **');
    expect(t).toContain('领取方式: 综合受理窗口');
    expect(t).toContain('领取码 482913');
    expect(t).toContain('打印机故障');
  });

  it.each(ids)('%s fits a 58 mm printer (32 columns) and prints in English', async (id) => {
    const doc = renderReceipt(RECEIPT_TEMPLATES[id]!, sample(id));
    for (const item of layoutDocument(doc, PROFILES['generic-58'].columns))
      if (item.kind === 'lines') for (const line of item.lines) expect(line.cells).toBeLessThanOrEqual(32);
    const en = await printOnSimulator(
      renderReceipt(RECEIPT_TEMPLATES[id]!, sample(id), { locale: 'en' }),
      PROFILES['generic-58'],
    );
    expect(en.transcript).toMatch(/Printed +\d{1,2} Dec 2026 \d\d:\d\d/);
    expect(en.transcript).not.toContain('打印时间');
  });

  it('prints times in the zone a site configures', () => {
    const doc = renderReceipt(RECEIPT_TEMPLATES['queue-ticket']!, sample('queue-ticket'), {
      timeZone: 'Asia/Urumqi',
    });
    expect(JSON.stringify(doc)).toContain('2026年12月5日 07:12');
  });

  it('rejects bad data naming every field', () => {
    expect(() =>
      renderReceipt(RECEIPT_TEMPLATES['queue-ticket']!, {
        ...sample('queue-ticket'),
        number: 'a-1',
        waitingAhead: -1,
      }),
    ).toThrow(/number:[\s\S]*waitingAhead:/);
    expect(() =>
      renderReceipt(RECEIPT_TEMPLATES['print-record-slip']!, {
        ...sample('print-record-slip'),
        collect: undefined,
      }),
    ).toThrow(/collect:/);
  });
});
