import type { Ctx } from '../context';
import { findService, type SoleProprietorForm } from '../domain/catalogue';
import { maskIdNumber } from '../domain/identity';
import { qrPayload } from '../domain/tracking';
import { chineseDate, renderNotice } from '../results/notice-pdf';

export interface NoticeInput {
  serviceId: string;
  trackingNumber: string;
  applicant: { idNumber: string; name: string };
  form: Record<string, unknown>;
  decidedBy: 'instant' | 'staff';
}

/** Renders the result notice of a filing (instant approval or staff "generate"). */
export function generateNotice(ctx: Ctx, input: NoticeInput): Promise<Buffer> {
  const service = findService(input.serviceId);
  const now = ctx.clock.now();
  const common: [string, string][] = [
    ['申请人', input.applicant.name],
    ['身份证号', maskIdNumber(input.applicant.idNumber)],
    ['办理事项', service?.nameZh ?? input.serviceId],
  ];
  let rows = common;
  let title = `${service?.nameZh ?? '政务服务'}结果通知书`;
  let decision = '经审查，您的申请已办结，准予许可。';
  if (input.serviceId === 'sole-proprietor-registration') {
    const f = input.form as SoleProprietorForm;
    title = '个体工商户设立登记通知书';
    rows = [
      ['名称', f.businessName],
      ['经营者', input.applicant.name],
      ['身份证号', maskIdNumber(input.applicant.idNumber)],
      ['组成形式', f.ownerType === 'naturalPerson' ? '个人经营' : '家庭经营'],
      ['经营范围', f.businessScope.join('；')],
      ['经营场所', f.address],
    ];
    decision =
      input.decidedBy === 'instant'
        ? '经智能审批（秒批），申请材料齐全、符合法定形式，准予设立登记。请凭本通知书领取营业执照，电子营业执照同步生成。'
        : '经审查，申请材料齐全、符合法定形式，准予设立登记。';
  }
  return renderNotice(
    {
      title,
      trackingNumber: input.trackingNumber,
      qrPayload: qrPayload(input.trackingNumber, ctx.cfg.secret),
      rows,
      decision,
      issuer: String(ctx.cfg.site.issuer ?? '政务服务中心'),
      issuedOn: chineseDate(now),
    },
    { path: ctx.cfg.fontPath, family: ctx.cfg.fontFamily },
  );
}
