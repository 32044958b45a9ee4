import { describe, expect, it } from 'vitest';
import { findProfile } from '../../devices/escpos-printer';
import { renderReceipt, TemplateDataError } from '../../print-templates/receipts';
import { printOnSimulator } from '../../tests/helpers/receipt-print';
import { shortReference } from './prints';
import { paymentHistorySlip, savedFilingSlip } from './slips';

const base = {
  hall: { name: '东城区政务服务中心 24小时自助服务厅', terminal: '3号自助终端' },
  printedAt: '2026-12-05T09:30:00+08:00',
};
const kp628 = findProfile('kp628')!;
const lines = (transcript: string) => transcript.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());

describe('the session’s own slips, printed on the simulated KP628', () => {
  it('参保缴费记录: month by month, unpaid months said so, name and ID masked', async () => {
    const doc = renderReceipt(paymentHistorySlip, {
      ...base,
      holder: { name: '欧阳娜娜', idNumber: '320102198811230459' },
      months: [
        { month: '2026-10', personal: 1234.56, unit: 2468.1, paid: true },
        { month: '2026-11', personal: 0, unit: 0, paid: false },
      ],
    });
    const out = lines((await printOnSimulator(doc, kp628)).transcript);
    expect(out).toEqual(
      expect.arrayContaining([
        '参保缴费记录',
        '姓名 欧***',
        '证件号码 320102********0459',
        '缴费月份 个人/单位（元）',
        '2026年10月 1,234.56/2,468.10',
        '2026年11月 欠缴',
        '本凭条仅供查询参考，不作证明使用。',
        '打印时间 2026年12月5日 09:30',
      ]),
    );
    expect(out.join('\n')).not.toContain('欧阳娜娜');
  });

  it('申请已保存: the filing safe on the terminal, its short reference, nothing in full', async () => {
    const doc = renderReceipt(savedFilingSlip, {
      ...base,
      serviceName: '个体工商户设立登记',
      applicant: { name: '周文斌', idNumber: '11010519491231002X' },
      savedAt: '2026-12-05T09:30:00+08:00',
      reference: shortReference('3f2a9c1e-77b0-4a55-9d3e-2b8f0c1d4e5f:2:submit:filing'),
    });
    const out = lines((await printOnSimulator(doc, kp628)).transcript);
    expect(out).toEqual(
      expect.arrayContaining([
        '申请已保存',
        '申请人 周**',
        '证件号码 110105********002X',
        '终端编号 3F2A9C1E-2',
      ]),
    );
    expect(out.join('')).toContain('网络恢复后自动提交');
  });

  it('refuses data it cannot print truthfully', () => {
    expect(() =>
      renderReceipt(paymentHistorySlip, {
        ...base,
        holder: { name: '张三', idNumber: '110105194912310021' },
        months: [],
      }),
    ).toThrow(TemplateDataError);
  });
});
