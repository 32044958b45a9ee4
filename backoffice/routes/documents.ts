import { randomInt } from 'node:crypto';
import { type Ctx } from '../context';
import { appendAudit } from '../domain/audit';
import { cstIsoDate } from '../domain/cst';
import { maskIdNumber } from '../../domain/identity';
import { actorOf, requireKiosk } from '../http/auth';
import { defineRoute, type AnyRoute } from '../http/route';
import * as s from '../schemas';
import { verificationCode } from '../services/results';

type Kind = (typeof s.DOCUMENT_KINDS)[number];

/** Document number prefix and issuing body of each kind of certificate a kiosk prints. */
const KINDS: Readonly<Record<Kind, { prefix: string; issuer: string; seal: string }>> = {
  socialInsuranceCertificate: { prefix: 'SBZM', issuer: '社会保险事业管理中心', seal: '社会保险业务专用章' },
  paymentHistory: { prefix: 'SBJF', issuer: '社会保险事业管理中心', seal: '社会保险业务专用章' },
  housingFundCertificate: { prefix: 'GJJZM', issuer: '住房公积金管理中心', seal: '住房公积金业务专用章' },
  realEstateRecord: { prefix: 'BDCCX', issuer: '不动产登记中心', seal: '不动产登记查询专用章' },
};

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * Certificates a kiosk prints from records the hall does not own (参保证明, 公积金缴存证明, 不动产登记
 * 查询结果) carry a document number and a verification code issued here, so that whoever receives one
 * can check it online: the code is an HMAC of the number (like a result notice's), reproducible by the
 * back office and unguessable without its secret. Every issue is on the audit record.
 */
export function documentRoutes(ctx: Ctx): AnyRoute[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/citizen/documents',
      operationId: 'issueDocument',
      summary: 'Issue the number and verification code of a certificate a kiosk is about to print',
      tag: 'citizen',
      auth: 'kiosk',
      body: s.documentIssue,
      responses: { 201: s.documentIssued },
      errors: { 403: ['kioskMismatch'] },
      async handler({ body, principal }) {
        requireKiosk(principal, body.kioskId);
        const now = ctx.clock.now();
        const kind = KINDS[body.kind];
        const serial = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
        const documentNumber = `${kind.prefix}-${cstIsoDate(now).replaceAll('-', '')}-${serial}`;
        const authority = [ctx.cfg.site.city, ctx.cfg.site.department].find(
          (v): v is string => typeof v === 'string',
        );
        const issuerName = `${authority && !authority.endsWith('中心') ? authority : ''}${kind.issuer}`;
        await ctx.db.transaction((tx) =>
          appendAudit(tx, now, actorOf(principal), 'document.issue', documentNumber, {
            kind: body.kind,
            idNumber: maskIdNumber(body.idNumber),
          }),
        );
        return {
          status: 201,
          body: {
            documentNumber,
            issuedAt: cstIso(now),
            issuer: { name: issuerName.slice(0, 60), sealText: kind.seal },
            verification: { code: verificationCode(ctx.cfg.secret, documentNumber), url: ctx.cfg.verifyUrl },
          },
        };
      },
    }),
  ];
}

/** 2026-12-05T09:30:00+08:00: the issue time as it prints, in China Standard Time. */
function cstIso(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
