import { heading, keyValueGrid, paragraph, reference, title, verificationPanel } from '../_shared/blocks';
import { definePdfTemplate } from '../_shared/define';
import { formatDateTime } from '../../domain/time';
import { maskIdNumber } from '../../domain/identity';
import { DECISIONS, ResultNoticeData } from './data.schema';

const REMEDY =
  '如对本决定不服，可以自收到本通知之日起六十日内依法申请行政复议，或者自收到本通知之日起六个月内依法向人民法院提起行政诉讼。';

/**
 * 办件结果通知书: the decision on a filing with reasons and next steps. The ID number is masked: the
 * notice is addressed to the applicant, and the case number identifies the filing.
 */
export const resultNotice = definePdfTemplate({
  id: 'result-notice',
  name: '办件结果',
  paper: 'A4',
  schema: ResultNoticeData,
  meta: (d) => ({
    title: `办件结果通知书 ${d.caseNumber}`,
    issuedAt: d.issuedAt,
    verification: d.verification,
  }),
  draw(doc, d, ctx) {
    title(doc, '办件结果通知书');
    reference(doc, `办件编号：${d.caseNumber}`);
    keyValueGrid(
      doc,
      [
        ['事项名称', d.serviceName],
        ['申请人', d.applicant.name],
        ['证件号码', maskIdNumber(d.applicant.idNumber)],
        ['受理时间', formatDateTime(d.acceptedAt, ctx)],
        ['办结时间', formatDateTime(d.issuedAt, ctx)],
        ['办理结果', DECISIONS[d.decision]],
      ],
      { columns: 1 },
    );
    paragraph(doc, `${d.applicant.name}：`);
    paragraph(doc, d.summary, { indent: true });
    if (d.reasons.length > 0) {
      heading(doc, d.decision === 'approved' ? '说明' : '理由及依据');
      paragraph(doc, d.reasons.map((r, i) => `${i + 1}. ${r}`).join('\n'), { size: 10.5 });
    }
    if (d.nextSteps.length > 0) {
      heading(doc, '后续事项');
      paragraph(doc, d.nextSteps.map((s, i) => `${i + 1}. ${s}`).join('\n'), { size: 10.5 });
    }
    if (d.decision !== 'approved') paragraph(doc, REMEDY, { size: 10, indent: true });
    verificationPanel(doc, d, ctx, { issuerName: d.department });
  },
});
