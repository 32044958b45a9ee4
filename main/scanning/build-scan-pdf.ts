import PDFDocument from 'pdfkit';
import type { JpegInfo } from './jpeg-info';
import { readJpegInfo } from './jpeg-info';
import { ScanError } from './scan-error';
import type { ScanPaper } from './scan-request';
import { DEFAULT_PAGE_BUDGET, DEFAULT_PDF_BUDGET, ScanPdfRequest } from './scan-request';

const PT_PER_MM = 72 / 25.4;
/** ISO 216 A4 in PostScript points. */
const A4_PT = { w: 210 * PT_PER_MM, h: 297 * PT_PER_MM };
/** ISO/IEC 7810 ID-1 (resident ID card, bank card) in points. */
const ID1_PT = { long: 85.6 * PT_PER_MM, short: 53.98 * PT_PER_MM };

export interface ScanPdfOptions {
  /** Upper bound for the whole PDF in bytes. */
  maxBytes?: number;
  /** Upper bound for each page's JPEG, by paper kind (default DEFAULT_PAGE_BUDGET). */
  pageBudget?: Readonly<Record<ScanPaper, number>>;
  /** Fixed creation date, for reproducible output; defaults to now. */
  creationDate?: Date;
}

interface CheckedPage {
  paper: ScanPaper;
  jpeg: Buffer;
  info: JpegInfo;
}

/**
 * One PDF page per scanned page. A4 scans fill an A4 page in their own orientation; an ID card is
 * placed at its true size (85.6 × 53.98 mm) in the centre of an A4 portrait page, the way a
 * photocopy of 身份证 is filed. JPEGs are embedded as they are (DCTDecode), never re-encoded.
 * Throws ScanError; `input` is untrusted and validated first.
 */
export async function buildScanPdf(input: unknown, options: ScanPdfOptions = {}): Promise<Buffer> {
  const parsed = ScanPdfRequest.safeParse(input);
  if (!parsed.success) {
    throw new ScanError(
      'invalidRequest',
      `invalid scan request: ${parsed.error.issues[0]?.message ?? 'unknown'}`,
    );
  }
  const budget = options.maxBytes ?? DEFAULT_PDF_BUDGET;
  const pageBudget = options.pageBudget ?? DEFAULT_PAGE_BUDGET;
  const pages = parsed.data.pages.map((page, pageIndex): CheckedPage => {
    const info = readJpegInfo(page.jpeg);
    if (!info) throw new ScanError('notJpeg', `page ${pageIndex + 1} is not a JPEG image`, { pageIndex });
    if (
      (page.width !== undefined && page.width !== info.width) ||
      (page.height !== undefined && page.height !== info.height)
    ) {
      throw new ScanError(
        'pageSizeMismatch',
        `page ${pageIndex + 1} declares ${page.width}×${page.height} but the JPEG is ${info.width}×${info.height}`,
        { pageIndex },
      );
    }
    const limit = pageBudget[page.paper];
    if (page.jpeg.length > limit)
      throw new ScanError(
        'pageTooLarge',
        `page ${pageIndex + 1} is ${page.jpeg.length} bytes, over the ${limit}-byte budget of a ${page.paper} page`,
        { pageIndex, bytes: page.jpeg.length, budget: limit },
      );
    return {
      paper: page.paper,
      jpeg: Buffer.from(page.jpeg.buffer, page.jpeg.byteOffset, page.jpeg.byteLength),
      info,
    };
  });
  // The images alone already exceed the budget: refuse before building anything.
  const imageBytes = pages.reduce((n, p) => n + p.jpeg.length, 0);
  if (imageBytes > budget) throw tooLarge(imageBytes, budget);

  const doc = new PDFDocument({
    autoFirstPage: false,
    info: {
      Title: parsed.data.title ?? '扫描材料 Scanned documents',
      Producer: 'Yizhan',
      Creator: 'Yizhan document camera',
      CreationDate: options.creationDate ?? new Date(),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  for (const page of pages) placePage(doc, page);
  doc.end();
  await done;
  const pdf = Buffer.concat(chunks);
  if (pdf.length > budget) throw tooLarge(pdf.length, budget);
  return pdf;
}

function placePage(doc: PDFKit.PDFDocument, page: CheckedPage): void {
  const landscape = page.info.width > page.info.height;
  if (page.paper === 'a4') {
    const size: [number, number] = landscape ? [A4_PT.h, A4_PT.w] : [A4_PT.w, A4_PT.h];
    doc.addPage({ size, margin: 0 });
    // The capture screen already cropped to A4's aspect, so this fills the page edge to edge.
    doc.image(page.jpeg, 0, 0, { fit: size, align: 'center', valign: 'center' });
    return;
  }
  doc.addPage({ size: [A4_PT.w, A4_PT.h], margin: 0 });
  const box: [number, number] = landscape ? [ID1_PT.long, ID1_PT.short] : [ID1_PT.short, ID1_PT.long];
  doc.image(page.jpeg, (A4_PT.w - box[0]) / 2, (A4_PT.h - box[1]) / 2, {
    fit: box,
    align: 'center',
    valign: 'center',
  });
}

function tooLarge(bytes: number, budget: number): ScanError {
  return new ScanError(
    'pdfTooLarge',
    `the scan PDF would be ${bytes} bytes, over the ${budget}-byte budget`,
    {
      bytes,
      budget,
    },
  );
}
