import { formatCalendarDate } from '../../domain/time';
import { gap, keyValueGrid, reference, title, verificationPanel } from '../_shared/blocks';
import { definePdfTemplate } from '../_shared/define';
import { formatMoney } from '../_shared/format';
import { A4, mm } from '../_shared/units';
import { BusinessLicenceData } from './data.schema';

const OWNER_TYPES = { naturalPerson: '个人经营', family: '家庭经营' } as const;

/**
 * 营业执照 of a sole proprietor (个体工商户), printed at the kiosk when a 秒批 registration passes its
 * rules: credit code, name, type, operator, form, place, scope, registration date, the authority's
 * seal and the QR that verifies it. The operator's name is printed in full, as on every licence
 * (it is public register data); no ID number is printed.
 */
export const businessLicence = definePdfTemplate({
  id: 'business-licence',
  name: '营业执照（个体工商户）',
  paper: 'A4',
  schema: BusinessLicenceData,
  meta: (d) => ({ title: `营业执照 ${d.creditCode}`, issuedAt: d.issuedAt, verification: d.verification }),
  draw(doc, d, ctx) {
    // A double frame, as on the printed licence forms, ending above the page footer.
    doc
      .save()
      .lineWidth(1.5)
      .rect(mm(10), mm(10), A4.width - mm(20), A4.height - mm(27))
      .stroke('#8a6d3b');
    doc
      .lineWidth(0.5)
      .rect(mm(12), mm(12), A4.width - mm(24), A4.height - mm(31))
      .stroke('#8a6d3b')
      .restore();
    gap(doc, mm(6));
    title(doc, '营 业 执 照', d.copy === 'original' ? '（正本）' : '（副本）');
    reference(doc, `统一社会信用代码：${d.creditCode}`);
    gap(doc, mm(2));
    keyValueGrid(
      doc,
      [
        ['名称', d.name],
        ['类型', '个体工商户'],
        ['经营者', d.operator],
        ['组成形式', OWNER_TYPES[d.ownerType]],
        ...(d.capitalYuan === undefined
          ? []
          : ([['资金数额', `人民币 ${formatMoney(d.capitalYuan)} 元`]] as const)),
        ['注册日期', formatCalendarDate(d.registeredOn)],
        ['经营场所', d.address],
        [
          '经营范围',
          `${d.businessScope.join('；')}。（依法须经批准的项目，经相关部门批准后方可开展经营活动）`,
        ],
      ],
      { columns: 1, minRowHeight: mm(11) },
    );
    gap(doc, mm(4));
    reference(doc, '登记机关');
    verificationPanel(doc, d, ctx);
  },
});
