import { closing, keyValueGrid, paragraph, reference, title } from '../_shared/blocks';
import { definePdfTemplate } from '../_shared/define';
import { formatYearMonth } from '../../domain/time';
import { formatMoney } from '../_shared/format';
import { maskAccount, maskIdNumber } from '../../domain/identity';
import { HousingFundCertificateData } from './data.schema';

const percent = (r: number): string => `${(r * 100).toFixed(0)}%`;

/**
 * 住房公积金缴存证明: account status, deposit base and rates, monthly deposits and balance. ID and
 * account numbers are masked: banks and housing offices receiving it verify through the QR code.
 */
export const housingFundCertificate = definePdfTemplate({
  id: 'housing-fund-certificate',
  name: '公积金缴存证明',
  paper: 'A4',
  schema: HousingFundCertificateData,
  meta: (d) => ({
    title: `住房公积金缴存证明 ${d.documentNumber}`,
    issuedAt: d.issuedAt,
    verification: d.verification,
  }),
  draw(doc, d, ctx) {
    const maskedId = maskIdNumber(d.holder.idNumber);
    title(doc, '住房公积金缴存证明');
    reference(doc, `编号：${d.documentNumber}`);
    paragraph(
      doc,
      `兹证明 ${d.holder.name}（证件号码：${maskedId}）在 ${d.employer} 缴存住房公积金，` +
        `账户状态为${d.accountStatus}，已缴存至${formatYearMonth(d.paidThrough)}。具体情况如下：` +
        (d.purpose ? `本证明用于：${d.purpose}。` : ''),
      { indent: true },
    );
    keyValueGrid(doc, [
      ['姓名', d.holder.name],
      ['证件号码', maskedId],
      ['个人账号', maskAccount(d.accountNumber)],
      ['账户状态', d.accountStatus],
      ['缴存单位', d.employer],
      ['开户年月', formatYearMonth(d.openedIn)],
      ['缴存基数', `${formatMoney(d.depositBase)} 元`],
      ['缴存比例', `单位 ${percent(d.unitRate)} / 个人 ${percent(d.personalRate)}`],
      ['单位月缴', `${formatMoney(d.unitMonthly)} 元`],
      ['个人月缴', `${formatMoney(d.personalMonthly)} 元`],
      ['月缴存额', `${formatMoney(d.unitMonthly + d.personalMonthly)} 元`],
      ['缴至年月', formatYearMonth(d.paidThrough)],
      ['账户余额', `${formatMoney(d.balance)} 元`],
    ]);
    closing(
      doc,
      d,
      ctx,
      '说明：1. 本证明依据住房公积金管理中心业务系统数据生成。2. 证件号码与账号已作脱敏处理，' +
        '完整信息以扫码核验结果为准。3. 本证明自出具之日起一个月内有效。',
    );
  },
});
