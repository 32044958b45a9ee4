import { keyValueGrid, paragraph, reference, table, title, verificationPanel } from '../_shared/blocks';
import { definePdfTemplate } from '../_shared/define';
import { formatCalendarDate, formatDateTime } from '../../domain/time';
import { maskIdNumber } from '../../domain/identity';
import { AcceptanceReceiptData } from './data.schema';

/**
 * 受理回执: proof that a filing was accepted, with its case number and promised completion date. The
 * ID number is masked: the receipt identifies the filing by case number, and a receipt forgotten in
 * the kiosk tray must not expose the full number.
 */
export const acceptanceReceipt = definePdfTemplate({
  id: 'acceptance-receipt',
  name: '受理回执',
  paper: 'A4',
  schema: AcceptanceReceiptData,
  meta: (d) => ({ title: `受理回执 ${d.caseNumber}`, issuedAt: d.issuedAt, verification: d.verification }),
  draw(doc, d, ctx) {
    title(doc, '政务服务事项受理回执');
    reference(doc, `办件编号：${d.caseNumber}`);
    keyValueGrid(
      doc,
      [
        ['事项名称', d.serviceName],
        ['受理部门', d.department],
        ['申请人', d.applicant.name],
        ['证件号码', maskIdNumber(d.applicant.idNumber)],
        ['受理时间', formatDateTime(d.issuedAt, ctx)],
        ['承诺办结', formatCalendarDate(d.promisedBy)],
      ],
      { columns: 1 },
    );
    paragraph(doc, `您提交的申请已于 ${formatDateTime(d.issuedAt, ctx)} 受理，收取材料如下：`);
    table(
      doc,
      [
        { header: '序号', width: 0.6, align: 'center' },
        { header: '材料名称', width: 4 },
        { header: '形式', width: 1, align: 'center' },
        { header: '份数', width: 0.8, align: 'center' },
      ],
      d.materials.map((m, i) => [String(i + 1), m.name, m.form, String(m.copies)]),
    );
    paragraph(doc, `进度查询：${d.progressHint}`, { size: 10 });
    paragraph(doc, '请妥善保管本回执，领取办理结果时请出示本回执或办件编号。', { size: 10 });
    verificationPanel(doc, d, ctx);
  },
});
