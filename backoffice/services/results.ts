import { createHmac } from 'node:crypto';
import { iso, type Ctx } from '../context';
import {
  findFilingService as findService,
  type FilingService as ServiceDefinition,
  type SoleProprietorForm,
} from '../../domain/catalogue';

export interface NoticeInput {
  serviceId: string;
  trackingNumber: string;
  applicant: { idNumber: string; name: string };
  form: Record<string, unknown>;
  submittedAt: number;
  decidedBy: 'instant' | 'staff';
}

/** XXXX-XXXX-XXXX-XXXX derived from the tracking number: reproducible by the back office, unguessable without the secret. */
export function verificationCode(secret: string, trackingNumber: string): string {
  const mac = createHmac('sha256', secret).update(`verify:${trackingNumber}`).digest();
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const chars = [...mac.subarray(0, 16)].map((b) => alphabet[b % alphabet.length] ?? '0').join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

/** The wording of the notice, chosen by the service's `resultTemplate` in the catalogue. */
function summaryOf(
  input: NoticeInput,
  serviceName: string,
  template: ServiceDefinition['resultTemplate'],
): { summary: string; nextSteps: string[] } {
  if (template === 'soleProprietorNotice') {
    const f = input.form as SoleProprietorForm;
    const how = input.decidedBy === 'instant' ? '经智能审批（秒批）' : '经审查';
    return {
      summary:
        `您申请的个体工商户设立登记，${how}，申请材料齐全、符合法定形式，准予设立登记。` +
        `名称：${f.businessName}；组成形式：${f.ownerType === 'naturalPerson' ? '个人经营' : '家庭经营'}；` +
        `经营范围：${f.businessScope.join('、')}；经营场所：${f.address}。`,
      nextSteps: [
        '电子营业执照已同步生成，可在电子证照中查看。',
        '纸质营业执照可在自助终端打印或到窗口领取。',
      ],
    };
  }
  return {
    summary: `您申请的${serviceName}，经审查，准予办理。`,
    nextSteps: ['请按选择的方式领取办理结果。'],
  };
}

/** Renders the 办件结果通知书 (print-templates/result-notice) of an approved filing. */
export function generateNotice(ctx: Ctx, input: NoticeInput): Promise<Buffer> {
  const service = findService(input.serviceId);
  const serviceName = service?.nameZh ?? input.serviceId;
  const named = [ctx.cfg.site.department, ctx.cfg.site.hallName].find(
    (v): v is string => typeof v === 'string',
  );
  const department = named ?? '政务服务中心';
  return ctx.renderer.render({
    caseNumber: input.trackingNumber,
    serviceName,
    department,
    applicant: { name: input.applicant.name, idNumber: input.applicant.idNumber },
    acceptedAt: iso(input.submittedAt),
    issuedAt: iso(ctx.clock.now()),
    decision: 'approved',
    ...summaryOf(input, serviceName, service?.resultTemplate),
    issuer: { name: department, sealText: `${department}业务专用章`.slice(0, 30) },
    verification: { code: verificationCode(ctx.cfg.secret, input.trackingNumber), url: ctx.cfg.verifyUrl },
  });
}
