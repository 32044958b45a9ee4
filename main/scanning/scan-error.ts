import type { Failure } from '../ipc/contract';

/** Why a scan PDF was refused; camelCase tokens a technician or the flow can act on. */
export type ScanErrorDetail =
  | 'invalidRequest' // failed schema validation
  | 'notJpeg' // a page is not a readable JPEG
  | 'pageSizeMismatch' // declared width/height differ from the JPEG header
  | 'pageTooLarge' // a page's JPEG exceeds its per-page byte budget
  | 'pdfTooLarge'; // the assembled PDF exceeds the byte budget

/**
 * The only error main/scanning throws. It carries a ready IPC `Failure`, so the IPC dispatcher
 * passes code and detail through unchanged.
 */
export class ScanError extends Error {
  override readonly name = 'ScanError';
  readonly failure: Failure;

  constructor(
    readonly detail: ScanErrorDetail,
    message: string,
    readonly figures: { pageIndex?: number; bytes?: number; budget?: number } = {},
  ) {
    super(message);
    this.failure = { code: 'invalidArgument', message, detail };
  }
}
