export { buildScanPdf, type ScanPdfOptions } from './build-scan-pdf';
export { readJpegInfo, type JpegInfo } from './jpeg-info';
export { ScanError, type ScanErrorDetail } from './scan-error';
export {
  DEFAULT_PAGE_BUDGET,
  DEFAULT_PDF_BUDGET,
  MAX_PAGES,
  MAX_PAGE_BYTES,
  PAPER_KINDS,
  ScanPage,
  ScanPdfRequest,
  type ScanPaper,
} from './scan-request';
