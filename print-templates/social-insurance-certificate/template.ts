import { closing, closingHeight, keyValueGrid, paragraph, reference, table, title } from '../_shared/blocks';
import { definePdfTemplate } from '../_shared/define';
import { formatYearMonth } from '../../domain/time';
import { formatMoney } from '../_shared/format';
import { maskIdNumber } from '../../domain/identity';
import { SocialInsuranceCertificateData } from './data.schema';

const REMARKS =
  '说明：1. 本证明依据社会保险经办机构的缴费记录生成，合计仅统计已缴月份。' +
  '2. 证件号码已作脱敏处理，完整信息以扫码核验结果为准。3. 本证明自出具之日起三个月内有效。';
const GAP_BEFORE_PANEL = 4;

/**
 * 社会保险参保证明: identity, insurance type and a month-by-month contribution table that runs over
 * as many pages as needed. The ID number is masked: the certificate goes to third parties (schools,
 * housing offices, employers) who match the person through the verification page, not the paper.
 * The remarks, QR code and seal stay with the table's last rows: when they do not fit below it, the
 * last rows move to the next page with them (a page with only a QR code and a seal proves nothing).
 */
export const socialInsuranceCertificate = definePdfTemplate({
  id: 'social-insurance-certificate',
  name: '参保证明',
  paper: 'A4',
  schema: SocialInsuranceCertificateData,
  meta: (d) => ({
    title: `社会保险参保证明 ${d.documentNumber}`,
    issuedAt: d.issuedAt,
    verification: d.verification,
  }),
  draw(doc, d, ctx) {
    const first = d.months[0]!;
    const last = d.months[d.months.length - 1]!;
    const paid = d.months.filter((m) => m.paid);
    const sum = (pick: (m: (typeof d.months)[number]) => number) => paid.reduce((s, m) => s + pick(m), 0);
    const maskedId = maskIdNumber(d.insured.idNumber);

    title(doc, '社会保险参保证明', '（个人参保缴费情况）');
    reference(doc, `编号：${d.documentNumber}`);
    keyValueGrid(doc, [
      ['姓名', d.insured.name],
      ['证件号码', maskedId],
      ['参保险种', d.insuranceType],
      ['参保状态', d.status],
      ['参保单位', d.employer],
      ['首次参保年月', formatYearMonth(d.insuredSince)],
      ['记录区间', `${formatYearMonth(first.month)} 至 ${formatYearMonth(last.month)}`],
      ['实缴月数', `${paid.length} 个月`],
    ]);
    paragraph(
      doc,
      `兹证明 ${d.insured.name}（证件号码：${maskedId}）参加${d.insuranceType}，` +
        `${formatYearMonth(first.month)}至${formatYearMonth(last.month)}期间缴费情况如下表。` +
        (d.purpose ? `本证明用于：${d.purpose}。` : ''),
      { indent: true },
    );
    table(
      doc,
      [
        { header: '序号', width: 0.7, align: 'center' },
        { header: '缴费年月', width: 1.4, align: 'center' },
        { header: '缴费基数（元）', width: 1.6, align: 'right' },
        { header: '单位缴纳（元）', width: 1.6, align: 'right' },
        { header: '个人缴纳（元）', width: 1.6, align: 'right' },
        { header: '缴费状态', width: 1, align: 'center' },
      ],
      [
        ...d.months.map((m, i) => [
          String(i + 1),
          formatYearMonth(m.month),
          formatMoney(m.base),
          formatMoney(m.unit),
          formatMoney(m.personal),
          m.paid ? '已缴' : '欠缴',
        ]),
        [
          '合计',
          `${paid.length} 个月`,
          '',
          formatMoney(sum((m) => m.unit)),
          formatMoney(sum((m) => m.personal)),
          '',
        ],
      ],
      {
        keepWithLast: closingHeight(doc, REMARKS, { gapBefore: GAP_BEFORE_PANEL }),
      },
    );
    closing(doc, d, ctx, REMARKS, { gapBefore: GAP_BEFORE_PANEL });
  },
});
