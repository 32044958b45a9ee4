import { z } from 'zod';
import { isoDateTime, issuer, person, text, verification } from '../_shared/schema';

export const DECISIONS = { approved: '准予办理', partial: '部分准予', rejected: '不予办理' } as const;

export const ResultNoticeData = z
  .object({
    caseNumber: text(40),
    serviceName: text(80),
    department: text(60),
    applicant: person,
    acceptedAt: isoDateTime,
    /** Decision time; also the document's creation date. */
    issuedAt: isoDateTime,
    decision: z.enum(['approved', 'partial', 'rejected']),
    summary: text(1000),
    /** Required unless approved: the legal basis the applicant can contest. */
    reasons: z.array(text(300)).max(20).default([]),
    nextSteps: z.array(text(200)).max(20).default([]),
    issuer,
    verification,
  })
  .superRefine((d, ctx) => {
    if (d.decision !== 'approved' && d.reasons.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['reasons'],
        message: '不予或部分准予时须说明理由 / reasons are required unless approved',
      });
    }
  });

export type ResultNotice = z.output<typeof ResultNoticeData>;
