import { formatYearMonth } from '../../domain/time';
import {
  closing,
  closingHeight,
  heading,
  keyValueGrid,
  paragraph,
  reference,
  table,
  title,
} from '../_shared/blocks';
import { definePdfTemplate } from '../_shared/define';
import { formatMoney } from '../_shared/format';
import { maskIdNumber } from '../../domain/identity';
import { INSURANCES, PaymentHistoryData } from './data.schema';

const REMARKS =
  '说明：1. 本记录依据社会保险经办机构业务系统数据生成，“欠缴”月份未计入合计。' +
  '2. 证件号码已作脱敏处理，完整信息以扫码核验结果为准。3. 本记录仅反映打印时点的缴费情况。';
const GAP_BEFORE_PANEL = 4;

/**
 * 参保缴费记录 (bank-STM and hall profile): every month of every insurance in the period asked for,
 * a summary per insurance first, then the detail table over as many pages as it takes with its
 * header repeated; the remarks, QR code and seal stay with the last rows. ID number masked.
 */
export const paymentHistory = definePdfTemplate({
  id: 'payment-history',
  name: '参保缴费记录',
  paper: 'A4',
  schema: PaymentHistoryData,
  meta: (d) => ({
    title: `社会保险个人缴费记录 ${d.documentNumber}`,
    issuedAt: d.issuedAt,
    verification: d.verification,
  }),
  draw(doc, d, ctx) {
    const records = [...d.records].sort(
      (a, b) =>
        a.month.localeCompare(b.month) || INSURANCES.indexOf(a.insurance) - INSURANCES.indexOf(b.insurance),
    );
    const present = INSURANCES.filter((i) => records.some((r) => r.insurance === i));
    title(doc, '社会保险个人缴费记录', '（参保缴费记录）');
    reference(doc, `编号：${d.documentNumber}`);
    keyValueGrid(doc, [
      ['姓名', d.insured.name],
      ['证件号码', maskIdNumber(d.insured.idNumber)],
      ['参保地', d.insuredIn],
      ['参保单位', d.employer],
      ['查询区间', `${formatYearMonth(d.period.from)} 至 ${formatYearMonth(d.period.to)}`],
      ['参保险种', present.length > 0 ? present.join('、') : '无'],
    ]);
    if (records.length === 0) {
      paragraph(doc, `经查询，${d.insured.name}在查询区间内无社会保险缴费记录。`, { indent: true });
    } else {
      heading(doc, '缴费汇总');
      table(
        doc,
        [
          { header: '险种', width: 1.4, align: 'center' },
          { header: '实缴月数', width: 1, align: 'right' },
          { header: '欠缴月数', width: 1, align: 'right' },
          { header: '单位缴纳合计（元）', width: 1.8, align: 'right' },
          { header: '个人缴纳合计（元）', width: 1.8, align: 'right' },
        ],
        present.map((insurance) => {
          const of = records.filter((r) => r.insurance === insurance);
          const paid = of.filter((r) => r.paid);
          return [
            insurance,
            String(paid.length),
            String(of.length - paid.length),
            formatMoney(paid.reduce((s, r) => s + r.unit, 0)),
            formatMoney(paid.reduce((s, r) => s + r.personal, 0)),
          ];
        }),
      );
      heading(doc, '缴费明细');
      table(
        doc,
        [
          { header: '序号', width: 0.7, align: 'center' },
          { header: '缴费年月', width: 1.3, align: 'center' },
          { header: '险种', width: 1.2, align: 'center' },
          { header: '缴费基数（元）', width: 1.5, align: 'right' },
          { header: '单位缴纳（元）', width: 1.5, align: 'right' },
          { header: '个人缴纳（元）', width: 1.5, align: 'right' },
          { header: '状态', width: 0.8, align: 'center' },
        ],
        records.map((r, i) => [
          String(i + 1),
          formatYearMonth(r.month),
          r.insurance,
          formatMoney(r.base),
          formatMoney(r.unit),
          formatMoney(r.personal),
          r.paid ? '已缴' : '欠缴',
        ]),
        {
          keepWithLast: closingHeight(doc, REMARKS, { gapBefore: GAP_BEFORE_PANEL }),
        },
      );
    }
    closing(doc, d, ctx, REMARKS, { gapBefore: GAP_BEFORE_PANEL });
  },
});
