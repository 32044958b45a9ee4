/**
 * The body of a service's application form, shared by the filled form (application-form) and its
 * blank version (blank-form, 样表): applicant, the service's sections, materials, the declaration
 * and the signature line. One layout, so the blank form a citizen fills by hand matches the filled
 * one the kiosk prints.
 */
import {
  ensureSpace,
  gap,
  type GridOptions,
  heading,
  type KeyValue,
  keyValueGrid,
  paragraph,
} from '../_shared/blocks';
import { FONT } from '../_shared/fonts';
import { CONTENT_WIDTH, MARGIN, mm } from '../_shared/units';

const DECLARATION =
  '本人承诺所填写的信息及提交的材料真实、准确、完整，如有虚假，愿承担相应的法律责任。' +
  '本人同意受理部门为办理本事项查询、核验上述信息。';

export interface FormBody {
  applicant: readonly KeyValue[];
  sections: readonly { title: string; fields: readonly KeyValue[] }[];
  materials: readonly string[];
  /** 提交材料 on a filled form; 所需材料 with boxes to tick on a blank one. */
  materialsTitle: string;
  checkboxes: boolean;
  /** How the grids look: room to write and grey hints on a blank form. */
  grid?: Omit<GridOptions, 'columns'>;
}

export function drawFormBody(doc: PDFKit.PDFDocument, body: FormBody): void {
  heading(doc, '申请人信息');
  keyValueGrid(doc, body.applicant, body.grid);
  for (const section of body.sections) {
    heading(doc, section.title);
    keyValueGrid(doc, section.fields, { ...body.grid, columns: 1 });
  }
  if (body.materials.length > 0) {
    heading(doc, body.materialsTitle);
    const mark = (i: number) => (body.checkboxes ? '□' : `${i + 1}.`);
    paragraph(doc, body.materials.map((m, i) => `${mark(i)} ${m}`).join('\n'), { size: 10 });
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
}
