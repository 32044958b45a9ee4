/** Layout blocks shared by A4 templates. Every block draws at doc.y and leaves doc.y below itself. */
import QRCode from 'qrcode';
import { formatDate } from '../../domain/time';
import { FONT } from './fonts';
import type { RenderContext } from './define';
import type { Verification } from './schema';
import { A4, BODY_BOTTOM, CONTENT_WIDTH, MARGIN, mm } from './units';
import { verificationPayload } from './verification';

type Doc = PDFKit.PDFDocument;

const INK = '#000000';
const RULE = '#444444';
const MUTED = '#555555';
const SEAL_RED = '#cc0000';

export function newPage(doc: Doc): void {
  doc.addPage();
  doc.x = MARGIN.left;
  doc.y = MARGIN.top;
}

/** Starts a new page when fewer than `height` points remain above the footer band. */
export function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height <= BODY_BOTTOM) return false;
  newPage(doc);
  return true;
}

/** Keeps a block of `height` on one page: a new page unless it fits below (a block taller than a page starts one). */
export function keepTogether(doc: Doc, height: number): boolean {
  return ensureSpace(doc, Math.min(height, BODY_BOTTOM - MARGIN.top));
}

export function gap(doc: Doc, points: number): void {
  doc.y += points;
}

export function title(doc: Doc, text: string, subtitle?: string): void {
  doc.font(FONT.bold).fontSize(20).fillColor(INK);
  doc.text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, align: 'center', characterSpacing: 4 });
  if (subtitle) {
    doc.font(FONT.regular).fontSize(10).fillColor(MUTED);
    doc.text(subtitle, MARGIN.left, doc.y + 2, { width: CONTENT_WIDTH, align: 'center' });
  }
  doc.fillColor(INK);
  gap(doc, mm(4));
}

/** A right-aligned reference line such as "编号：…". */
export function reference(doc: Doc, text: string): void {
  doc.font(FONT.regular).fontSize(10).fillColor(INK);
  doc.text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, align: 'right' });
  gap(doc, mm(2));
}

/** Room a heading asks for: itself and the first lines of what follows. */
export const HEADING_SPACE = mm(14);

export function heading(doc: Doc, text: string): void {
  ensureSpace(doc, HEADING_SPACE);
  doc.font(FONT.bold).fontSize(12).fillColor(INK);
  doc.text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  gap(doc, mm(1.5));
}

interface ParagraphOptions {
  size?: number;
  indent?: boolean;
}

function paragraphStyle(doc: Doc, opts: ParagraphOptions) {
  const size = opts.size ?? 11;
  doc.font(FONT.regular).fontSize(size).fillColor(INK);
  return { width: CONTENT_WIDTH, lineGap: 4, indent: opts.indent ? size * 2 : 0 };
}

export function paragraph(doc: Doc, text: string, opts: ParagraphOptions = {}): void {
  const options = paragraphStyle(doc, opts);
  ensureSpace(doc, Math.min(doc.heightOfString(text, options), mm(30)));
  doc.text(text, MARGIN.left, doc.y, options);
  gap(doc, mm(2));
}

/** The height `paragraph` will take, its gap included (to keep blocks together). */
export function paragraphHeight(doc: Doc, text: string, opts: ParagraphOptions = {}): number {
  return doc.heightOfString(text, paragraphStyle(doc, opts)) + mm(2);
}

export type KeyValue = readonly [label: string, value: string];

export interface GridOptions {
  columns?: 1 | 2;
  /** Width of the label cells; default 28 mm (six characters). */
  labelWidth?: number;
  /** Room to write by hand (a blank form): rows are at least this tall. */
  minRowHeight?: number;
  /** Values in grey: a blank form's hints, not data. */
  mutedValues?: boolean;
  /** Space below the grid; default 3 mm (0 joins the next grid to this one). */
  gapAfter?: number;
}

const GRID_PAD = mm(1.8);

/** The grid's rows with their heights, as keyValueGrid will draw them. */
function gridLayout(doc: Doc, rows: readonly KeyValue[], opts: GridOptions) {
  const columns = opts.columns ?? 2;
  const pairWidth = CONTENT_WIDTH / columns;
  const labelWidth = opts.labelWidth ?? mm(28);
  const pad = GRID_PAD;
  doc.fontSize(10.5);
  const lines: { cells: KeyValue[]; height: number }[] = [];
  for (let i = 0; i < rows.length; i += columns) {
    const cells = rows.slice(i, i + columns);
    const valueWidth = (c: number) =>
      (c === cells.length - 1 ? CONTENT_WIDTH - c * pairWidth : pairWidth) - labelWidth - 2 * pad;
    const textHeight =
      Math.max(
        ...cells.map(([label, value], c) =>
          Math.max(
            doc.font(FONT.bold).heightOfString(label, { width: labelWidth - 2 * pad }),
            doc.font(FONT.regular).heightOfString(value, { width: valueWidth(c) }),
          ),
        ),
      ) +
      2 * pad;
    lines.push({ cells, height: Math.max(textHeight, opts.minRowHeight ?? 0) });
  }
  return { lines, pairWidth, labelWidth, gapAfter: opts.gapAfter ?? mm(3) };
}

/** The height `keyValueGrid` will take, its gap included (to keep blocks together). */
export function keyValueGridHeight(doc: Doc, rows: readonly KeyValue[], opts: GridOptions = {}): number {
  const { lines, gapAfter } = gridLayout(doc, rows, opts);
  return lines.reduce((h, l) => h + l.height, 0) + gapAfter;
}

/**
 * A bordered label/value grid, `columns` pairs per row. Rows grow with wrapped values and never
 * split across pages.
 */
export function keyValueGrid(doc: Doc, rows: readonly KeyValue[], opts: GridOptions = {}): void {
  const { lines, pairWidth, labelWidth, gapAfter } = gridLayout(doc, rows, opts);
  const pad = GRID_PAD;
  for (const { cells, height } of lines) {
    ensureSpace(doc, height);
    const y = doc.y;
    cells.forEach(([label, value], c) => {
      const x = MARGIN.left + c * pairWidth;
      const width = c === cells.length - 1 ? CONTENT_WIDTH - c * pairWidth : pairWidth;
      doc.rect(x, y, labelWidth, height).fillAndStroke('#f0f0f0', RULE);
      doc.rect(x + labelWidth, y, width - labelWidth, height).stroke(RULE);
      doc
        .fillColor(INK)
        .font(FONT.bold)
        .text(label, x + pad, y + pad, { width: labelWidth - 2 * pad });
      doc
        .font(FONT.regular)
        .fillColor(opts.mutedValues ? MUTED : INK)
        .text(value, x + labelWidth + pad, y + pad, { width: width - labelWidth - 2 * pad });
    });
    doc.y = y + height;
  }
  doc.fillColor(INK);
  doc.x = MARGIN.left;
  gap(doc, gapAfter);
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableOptions {
  /**
   * Height of what must stand on the same page as the table's last rows (remarks, the verification
   * panel with QR and seal). When the remaining rows fit on a page but this block would not, the
   * last `carryRows` rows move to the next page with it, so no page holds only a QR code and a seal.
   */
  keepWithLast?: number;
  carryRows?: number;
}

/** Height of a table row; the gap below a table is TABLE_GAP. */
export const TABLE_ROW_HEIGHT = mm(6.5);
export const TABLE_GAP = mm(3);

/**
 * A ruled table that continues across pages, repeating its header on each new page. Widths are
 * fractions of the content width.
 */
export function table(
  doc: Doc,
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  opts: TableOptions = {},
): void {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * CONTENT_WIDTH);
  const rowHeight = TABLE_ROW_HEIGHT;
  const carry = Math.max(1, opts.carryRows ?? 3);
  const keep = opts.keepWithLast;
  const fitsHere = (height: number) => doc.y + height <= BODY_BOTTOM;
  /** The last `left` rows fit here, but not with the block that must follow them: carry them over. */
  const mustCarry = (left: number, above = 0) =>
    keep !== undefined &&
    left <= carry &&
    fitsHere(above + left * rowHeight) &&
    !fitsHere(above + left * rowHeight + TABLE_GAP + keep);
  const drawRow = (cells: readonly string[], header: boolean) => {
    const y = doc.y;
    let x = MARGIN.left;
    doc.font(header ? FONT.bold : FONT.regular).fontSize(header ? 10 : 9.5);
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      if (header) doc.rect(x, y, w, rowHeight).fillAndStroke('#e6e6e6', RULE);
      else doc.rect(x, y, w, rowHeight).stroke(RULE);
      doc.fillColor(INK).text(cell, x + mm(1.2), y + mm(1.6), {
        width: w - mm(2.4),
        align: header ? 'center' : (columns[i]?.align ?? 'left'),
        lineBreak: false,
        ellipsis: true,
      });
      x += w;
    });
    doc.y = y + rowHeight;
  };
  if (mustCarry(rows.length, rowHeight)) newPage(doc);
  else ensureSpace(doc, rowHeight * 2);
  drawRow(
    columns.map((c) => c.header),
    true,
  );
  rows.forEach((row, i) => {
    const left = rows.length - i;
    const broke = mustCarry(left) ? (newPage(doc), true) : ensureSpace(doc, rowHeight);
    if (broke) {
      drawRow(
        columns.map((c) => c.header),
        true,
      );
    }
    drawRow(row, false);
  });
  doc.x = MARGIN.left;
  gap(doc, TABLE_GAP);
}

/** Draws a QR code as filled modules: vector output, no image, identical bytes for identical input. */
export function qrCode(doc: Doc, payload: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const count = qr.modules.size;
  const cell = size / (count + 2 * quiet);
  doc.save().fillColor(INK);
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
    }
  }
  doc.fill().restore();
}

/** A round red seal with the issuer text; marks an electronically issued document. */
export function seal(doc: Doc, cx: number, cy: number, text: string): void {
  const r = mm(19);
  doc.save().lineWidth(2).strokeColor(SEAL_RED).circle(cx, cy, r).stroke();
  doc
    .fillColor(SEAL_RED)
    .font(FONT.bold)
    .fontSize(16)
    .text('★', cx - 8, cy - 11, { width: 16, align: 'center' });
  doc.fontSize(8.5).text(text, cx - r + mm(3), cy + 6, { width: 2 * r - mm(6), align: 'center' });
  doc.restore();
  doc.fillColor(INK).strokeColor(INK);
}

/** What every issued document's data has: who issued it, when, and its verification code. */
export interface Issued {
  verification: Verification;
  issuer: { name: string; sealText?: string | undefined };
  issuedAt: string;
}

export interface PanelOptions {
  /** Printed instead of the issuer's name (a result notice names the deciding department). */
  issuerName?: string;
  /** Stamp the issuer's seal (default: when it has seal text). */
  seal?: boolean;
}

/** Height of the verification panel (QR, code, issuer, date, seal). */
export const VERIFICATION_PANEL_HEIGHT = mm(40);

/** QR + verification code on the left, issuer, date and seal on the right. Kept on one page. */
export function verificationPanel(doc: Doc, d: Issued, ctx: RenderContext, opts: PanelOptions = {}): void {
  const input = {
    verification: d.verification,
    issuerName: opts.issuerName ?? d.issuer.name,
    sealText: opts.seal === false ? undefined : d.issuer.sealText,
  };
  const height = VERIFICATION_PANEL_HEIGHT;
  ensureSpace(doc, height);
  const top = doc.y + mm(2);
  const qrSize = mm(30);
  qrCode(doc, verificationPayload(input.verification), MARGIN.left, top, qrSize);
  const textX = MARGIN.left + qrSize + mm(3);
  const textWidth = mm(80);
  doc.font(FONT.bold).fontSize(11).fillColor(INK);
  doc.text(`验证码：${input.verification.code}`, textX, top + mm(4), { width: textWidth });
  doc.font(FONT.regular).fontSize(9).fillColor(MUTED);
  doc.text(
    `扫描左侧二维码，或访问 ${input.verification.url} 输入验证码，核验本文件真伪。`,
    textX,
    doc.y + mm(1.5),
    { width: textWidth, lineGap: 2 },
  );
  doc.fillColor(INK);
  // Issuer and date right-aligned, the seal stamped over them as on a paper certificate.
  const blockWidth = mm(72);
  const rightX = A4.width - MARGIN.right - blockWidth;
  doc.font(FONT.regular).fontSize(11).fillColor(INK);
  doc.text(input.issuerName, rightX, top + mm(8), { width: blockWidth, align: 'right' });
  doc.text(formatDate(d.issuedAt, ctx), rightX, doc.y + mm(2), {
    width: blockWidth,
    align: 'right',
  });
  if (input.sealText) seal(doc, A4.width - MARGIN.right - mm(26), top + mm(12), input.sealText);
  doc.x = MARGIN.left;
  doc.y = top + height - mm(2);
}

const REMARKS_STYLE = { size: 9 };

/**
 * How an issued document ends: its remarks in small print, then the verification panel. Measure it
 * with closingHeight to keep it with what precedes it (table keepWithLast, keepTogether).
 */
export function closing(
  doc: Doc,
  d: Issued,
  ctx: RenderContext,
  remarks: string,
  opts: PanelOptions & { gapBefore?: number } = {},
): void {
  paragraph(doc, remarks, REMARKS_STYLE);
  gap(doc, opts.gapBefore ?? 0);
  verificationPanel(doc, d, ctx, opts);
}

export function closingHeight(doc: Doc, remarks: string, opts: { gapBefore?: number } = {}): number {
  return paragraphHeight(doc, remarks, REMARKS_STYLE) + (opts.gapBefore ?? 0) + VERIFICATION_PANEL_HEIGHT;
}

/** Footer on every page: verification code (if any) left, 第 N 页 / 共 M 页 centred. Needs bufferPages. */
export function pageFooters(doc: Doc, verificationCode: string | undefined): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // The footer sits inside the bottom margin; lift the margin so pdfkit does not break the page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = A4.height - MARGIN.bottom + mm(8);
    doc.font(FONT.regular).fontSize(9).fillColor(MUTED);
    if (verificationCode)
      doc.text(`验证码 ${verificationCode}`, MARGIN.left, y, { width: CONTENT_WIDTH / 3, lineBreak: false });
    doc.text(`第 ${i + 1 - range.start} 页 / 共 ${range.count} 页`, MARGIN.left + CONTENT_WIDTH / 3, y, {
      width: CONTENT_WIDTH / 3,
      align: 'center',
      lineBreak: false,
    });
    doc.fillColor(INK);
    doc.page.margins.bottom = bottom;
  }
}
