import { formatDate } from '../../domain/time';
import { ensureSpace, qrCode, reference, title } from '../_shared/blocks';
import { definePdfTemplate } from '../_shared/define';
import { FONT } from '../_shared/fonts';
import { MARGIN, mm } from '../_shared/units';
import { drawFormBody } from '../application-form/form';
import { BlankFormData } from './data.schema';

const WRITE_HEIGHT = mm(10);

/**
 * 样表 printed blank: a service's application form with empty cells to fill by hand (the hints in
 * grey), the materials to bring with boxes to tick, the declaration and the signature line: the
 * same layout as the filled application-form. It holds no personal data and is not an issued
 * document, so it has no verification code; the optional QR leads to the service's guide.
 */
export const blankForm = definePdfTemplate({
  id: 'blank-form',
  name: '空白申请表（样表）',
  paper: 'A4',
  schema: BlankFormData,
  meta: (d) => ({ title: `${d.service.name}申请表（空白）`, issuedAt: d.printedAt }),
  draw(doc, d, ctx) {
    title(
      doc,
      `${d.service.name}申请表`,
      `事项编码：${d.service.code}\u3000受理部门：${d.service.department}`,
    );
    reference(doc, `请用黑色或蓝黑色签字笔填写，字迹清楚\u3000打印日期：${formatDate(d.printedAt, ctx)}`);
    drawFormBody(doc, {
      applicant: [
        ['姓名', ''],
        ['证件号码', ''],
        ['联系电话', ''],
        ['联系地址', ''],
      ],
      sections: d.sections.map((s) => ({
        title: s.title,
        fields: s.fields.map((f) => [f.label, f.hint ?? ''] as const),
      })),
      materials: d.materials,
      materialsTitle: '所需材料（请逐项核对）',
      checkboxes: true,
      grid: { minRowHeight: WRITE_HEIGHT, mutedValues: true },
    });
    if (d.guideUrl) {
      const size = mm(24);
      ensureSpace(doc, size);
      const top = doc.y;
      qrCode(doc, d.guideUrl, MARGIN.left, top, size);
      doc.font(FONT.regular).fontSize(9).fillColor('#555555');
      doc.text('扫码查看办事指南、填写说明及示例（样表）。', MARGIN.left + size + mm(3), top + mm(9), {
        width: mm(100),
      });
      doc.fillColor('#000000');
      doc.x = MARGIN.left;
      doc.y = top + size;
    }
  },
});
