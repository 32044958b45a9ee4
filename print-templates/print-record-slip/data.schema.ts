import { z } from 'zod';
import { slipBase } from '../_shared/receipt';
import { text } from '../_shared/schema';

export const PrintedDocument = z.object({
  /** 参保证明, 公积金缴存证明 … */
  name: text(40),
  pages: z.number().int().min(1).max(999),
  /** The document's verification code (XXXX-XXXX-XXXX-XXXX), when it has one. */
  verificationCode: text(24).optional(),
  /** False when the A4 printer could not print it (paper out, jam) and it was left for collection. */
  printed: z.boolean(),
});

export const PrintRecordSlipData = z
  .object({
    ...slipBase,
    trackingNumber: text(40).optional(),
    documents: z.array(PrintedDocument).min(1).max(10),
    /** Where a document that did not print can be had (窗口, or printed again at any kiosk). */
    collect: z.object({ where: text(60), code: text(12).optional() }).optional(),
  })
  .refine((d) => d.documents.every((doc) => doc.printed) || d.collect !== undefined, {
    path: ['collect'],
    message: '有未打印的文书时须说明领取方式 / say where an unprinted document can be collected',
  });

export type PrintRecordSlip = z.output<typeof PrintRecordSlipData>;
