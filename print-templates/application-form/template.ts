import { reference, title, verificationPanel } from '../_shared/blocks';
import { definePdfTemplate } from '../_shared/define';
import { formatDateTime } from '../../domain/time';
import { ApplicationFormData } from './data.schema';
import { drawFormBody } from './form';

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
    drawFormBody(doc, {
      applicant: [
        ['姓名', d.applicant.name],
        ['证件号码', d.applicant.idNumber],
        ['联系电话', d.applicant.phone],
        ['联系地址', d.applicant.address ?? '—'],
      ],
      sections: d.sections.map((section) => ({
        title: section.title,
        fields: section.fields.map((f) => [f.label, f.value.trim() === '' ? '—' : f.value] as const),
      })),
      materials: d.materials,
      materialsTitle: '提交材料',
      checkboxes: false,
    });
    verificationPanel(doc, d, ctx, { seal: false });
  },
});
