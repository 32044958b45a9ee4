import { z } from 'zod';
import { isoDate, isoDateTime, issuer, person, text, verification } from '../_shared/schema';

const area = z.number().positive().max(1_000_000);

/** One registered property (不动产单元) of the person asked about. */
export const Property = z.object({
  /** 不动产权证书号, e.g. 京(2021)朝阳区不动产权第0012345号. */
  certificateNumber: text(60),
  /** 不动产单元号: 28 characters (GB/T 37346), e.g. 110105003002GB00012F00030012. */
  unitNumber: z
    .string()
    .regex(/^\d{12}[A-Z]{2}\d{5}[A-Z]\d{8}$/, '不动产单元号应为28位 / unit number must be 28 characters'),
  location: text(120),
  /** 国有建设用地使用权/房屋所有权 … */
  rightType: text(40),
  /** 出让/市场化商品房 … */
  rightNature: text(40),
  /** 城镇住宅用地/住宅 … */
  use: text(40),
  landArea: area.optional(),
  buildingArea: area.optional(),
  /** 单独所有 / 共同共有 / 按份共有 */
  ownership: z.enum(['单独所有', '共同共有', '按份共有']),
  registeredOn: isoDate,
  /** Each is a restriction registered on the property; false prints 无. */
  mortgaged: z.boolean(),
  seized: z.boolean(),
  disputed: z.boolean(),
});

export const RealEstateInfoData = z.object({
  documentNumber: text(40),
  issuedAt: isoDateTime,
  issuer,
  verification,
  /** The person asking about their own properties (the ID card read at the kiosk). */
  owner: person,
  /** 查询范围, e.g. 北京市. */
  scope: text(40),
  purpose: text(40).optional(),
  properties: z.array(Property).max(50),
});

export type RealEstateInfo = z.output<typeof RealEstateInfoData>;
