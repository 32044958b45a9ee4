import { formatCalendarDate, formatDateTime } from '../../domain/time';
import {
  closing,
  closingHeight,
  type GridOptions,
  heading,
  HEADING_SPACE,
  keepTogether,
  type KeyValue,
  keyValueGrid,
  keyValueGridHeight,
  paragraph,
  reference,
  title,
} from '../_shared/blocks';
import { definePdfTemplate } from '../_shared/define';
import { maskIdNumber } from '../../domain/identity';
import { mm } from '../_shared/units';
import { RealEstateInfoData, type RealEstateInfo } from './data.schema';

const sqm = (v: number | undefined): string => (v === undefined ? '—' : `${v.toFixed(2)} 平方米`);
const restriction = (v: boolean, what: string): string => (v ? `有${what}登记` : '无');

type Property = RealEstateInfo['properties'][number];

const REMARKS =
  '说明：1. 本结果依据不动产登记簿记载生成，仅反映查询时点的登记状况。2. 证件号码已作脱敏处理，' +
  '完整信息以扫码核验结果为准。3. 本结果不作为权属证明，权属以不动产登记簿为准。';
const LABEL_WIDTH = { labelWidth: mm(31) };

/** A property as two grids: the long identifiers one per row, then the facts two per row. */
const grids = (p: Property): [KeyValue[], GridOptions][] => [
  [
    [
      ['不动产权证书号', p.certificateNumber],
      ['不动产单元号', p.unitNumber],
      ['坐落', p.location],
    ],
    { ...LABEL_WIDTH, columns: 1, gapAfter: 0 },
  ],
  [facts(p), LABEL_WIDTH],
];

const facts = (p: Property): KeyValue[] => [
  ['权利类型', p.rightType],
  ['权利性质', p.rightNature],
  ['用途', p.use],
  ['宗地面积', sqm(p.landArea)],
  ['建筑面积', sqm(p.buildingArea)],
  ['共有情况', p.ownership],
  ['登记时间', formatCalendarDate(p.registeredOn)],
  ['抵押', restriction(p.mortgaged, '抵押')],
  ['查封', restriction(p.seized, '查封')],
  ['异议', restriction(p.disputed, '异议')],
];

/**
 * 不动产登记信息查询结果: the properties registered in a person's name within the scope asked, each
 * with its certificate, unit, location, areas and any mortgage, seizure or dispute; or the statement
 * that none is registered (what schools and housing offices ask for). ID number masked.
 */
export const realEstateInfo = definePdfTemplate({
  id: 'real-estate-info',
  name: '不动产登记信息查询结果',
  paper: 'A4',
  schema: RealEstateInfoData,
  meta: (d) => ({
    title: `不动产登记信息查询结果 ${d.documentNumber}`,
    issuedAt: d.issuedAt,
    verification: d.verification,
  }),
  draw(doc, d, ctx) {
    title(doc, '不动产登记信息查询结果');
    reference(doc, `查询编号：${d.documentNumber}`);
    keyValueGrid(doc, [
      ['权利人', d.owner.name],
      ['证件号码', maskIdNumber(d.owner.idNumber)],
      ['查询范围', d.scope],
      ['查询用途', d.purpose ?? '—'],
      ['查询时间', formatDateTime(d.issuedAt, ctx)],
      ['登记数量', `${d.properties.length} 处`],
    ]);
    const asOf = formatDateTime(d.issuedAt, ctx);
    if (d.properties.length === 0) {
      paragraph(
        doc,
        `经查询，截至 ${asOf}，在${d.scope}不动产登记信息系统中未查询到${d.owner.name}名下的不动产登记信息。`,
        { indent: true },
      );
    } else {
      paragraph(
        doc,
        `经查询，截至 ${asOf}，${d.owner.name}在${d.scope}登记的不动产共 ${d.properties.length} 处，详情如下：`,
        { indent: true },
      );
      d.properties.forEach((p, i) => {
        const parts = grids(p);
        const height = parts.reduce(
          (h, [rows, opts]) => h + keyValueGridHeight(doc, rows, opts),
          HEADING_SPACE,
        );
        // A property never splits; the last one keeps the remarks, QR code and seal with it.
        const last = i === d.properties.length - 1;
        keepTogether(doc, height + (last ? closingHeight(doc, REMARKS) : 0));
        heading(doc, `第 ${i + 1} 处`);
        for (const [rows, opts] of parts) keyValueGrid(doc, rows, opts);
      });
    }
    closing(doc, d, ctx, REMARKS);
  },
});
