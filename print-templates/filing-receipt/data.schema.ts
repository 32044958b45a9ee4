import { z } from 'zod';
import { slipBase } from '../_shared/receipt';
import { idNumber, isoDate, isoDateTime, text } from '../_shared/schema';

export const DELIVERY_METHODS = ['print', 'locker', 'post', 'counter'] as const;

export const FilingReceiptData = z.object({
  ...slipBase,
  serviceName: text(60),
  /** 办件编号 issued by the back office, e.g. YZ20261123-000123K. */
  trackingNumber: text(40),
  applicant: z.object({ name: text(40), idNumber }),
  submittedAt: isoDateTime,
  /** 承诺办结日期, when the service promises one. */
  promisedBy: isoDate.optional(),
  delivery: z.enum(DELIVERY_METHODS).optional(),
  /** Number of materials received (scans and papers). */
  materials: z.number().int().min(0).max(99).optional(),
  /** The back office's progress QR payload (yizhan://track/…?v=…), scanned at any kiosk or by phone. */
  qrPayload: text(300),
  hotline: text(20).optional(),
});

export type FilingReceipt = z.output<typeof FilingReceiptData>;
