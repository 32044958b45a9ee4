import {
  ensureSpace,
  gap,
  heading,
  keyValueGrid,
  paragraph,
  reference,
  title,
  verificationPanel,
} from '../_shared/blocks';
import { definePdfTemplate } from '../_shared/define';
import { FONT } from '../_shared/fonts';
import { formatDateTime } from '../../domain/time';
import { CONTENT_WIDTH, MARGIN, mm } from '../_shared/units';
import { ApplicationFormData } from './data.schema';

const DECLARATION =
  '本人承诺所填写的信息及提交的材料真实、准确、完整，如有虚假，愿承担相应的法律责任。' +
  '本人同意受理部门为办理本事项查询、核验上述信息。';

/**
 * 申请表: a generic form that prints any service's fields and values for the applicant to sign.
 * The ID number is printed in full: the signed form is the filing itself, handed to the
 * authority, which must match the applicant exactly.
 */
export const applicationForm = definePdfTemplate({
  id: 'application-form',
  name: '申请表',
  paper: 'A4',
  schema: ApplicationFormData,
  meta: (d) => ({
    title: `${d.service.name}申请表 ${d.caseNumber}`,
    issuedAt: d.issuedAt,
    verification: d.verification,
  }),
  draw(doc, d, ctx) {
    title(
      doc,
      `${d.service.name}申请表`,
      `事项编码：${d.service.code}\u3000受理部门：${d.service.department}`,
    );
    reference(doc, `申请编号：${d.caseNumber}\u3000填报时间：${formatDateTime(d.issuedAt, ctx)}`);
    heading(doc, '申请人信息');
    keyValueGrid(doc, [
      ['姓名', d.applicant.name],
      ['证件号码', d.applicant.idNumber],
      ['联系电话', d.applicant.phone],
      ['联系地址', d.applicant.address ?? '—'],
    ]);
    for (const section of d.sections) {
      heading(doc, section.title);
      keyValueGrid(
        doc,
        section.fields.map((f) => [f.label, f.value.trim() === '' ? '—' : f.value] as const),
        { columns: 1 },
      );
    }
    if (d.materials.length > 0) {
      heading(doc, '提交材料');
      paragraph(doc, d.materials.map((m, i) => `${i + 1}. ${m}`).join('\n'), { size: 10 });
    }
    heading(doc, '申请人承诺');
    paragraph(doc, DECLARATION, { size: 10, indent: true });
    ensureSpace(doc, mm(16));
    gap(doc, mm(4));
    doc.font(FONT.regular).fontSize(11);
    const y = doc.y;
    doc.text('申请人（签字）：________________', MARGIN.left, y, { width: CONTENT_WIDTH / 2 });
    doc.text('日期：______年____月____日', MARGIN.left + CONTENT_WIDTH / 2, y, {
      width: CONTENT_WIDTH / 2,
      align: 'right',
    });
    doc.x = MARGIN.left;
    gap(doc, mm(6));
    verificationPanel(doc, {
      verification: d.verification,
      issuerName: d.issuer.name,
      issuedAt: d.issuedAt,
      timeZone: ctx.timeZone,
    });
  },
});
