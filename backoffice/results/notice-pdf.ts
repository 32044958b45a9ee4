import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

// The back office's own result notice (结果通知书). print-templates/ will own the hall's document
// templates; until a result-notice template exists there, this one renders instant-approval and
// generated results.

export interface NoticeData {
  title: string;
  trackingNumber: string;
  qrPayload: string;
  /** Label/value rows, already masked where they contain personal data. */
  rows: [string, string][];
  decision: string;
  issuer: string;
  /** Date line in Chinese, e.g. 2026年11月23日. */
  issuedOn: string;
}

export function chineseDate(now: number): string {
  const d = new Date(now + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

export async function renderNotice(
  data: NoticeData,
  font: { path: string; family: string },
): Promise<Buffer> {
  const qr = await QRCode.toBuffer(data.qrPayload, { errorCorrectionLevel: 'M', margin: 1, scale: 4 });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: data.title, Author: data.issuer, Subject: data.trackingNumber },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.path, font.family);
  const W = doc.page.width;
  doc
    .lineWidth(2)
    .strokeColor('#8b0000')
    .rect(36, 36, W - 72, doc.page.height - 72)
    .stroke();
  doc
    .font('cjk')
    .fontSize(24)
    .fillColor('#8b0000')
    .text(data.title, 56, 80, { align: 'center', width: W - 112 });
  doc
    .fontSize(11)
    .fillColor('#333')
    .text(`办件编号：${data.trackingNumber}`, 56, 124, { align: 'right', width: W - 112 });
  let y = 160;
  for (const [label, value] of data.rows) {
    doc.fontSize(13).fillColor('#000').text(`${label}：`, 76, y, { width: 120 });
    doc.text(value, 196, y, { width: W - 272 });
    y = Math.max(doc.y, y + 20) + 8;
  }
  doc.fontSize(14).text(data.decision, 76, y + 16, { width: W - 152, lineGap: 6 });
  doc.image(qr, 76, doc.page.height - 220, { width: 110 });
  doc
    .fontSize(10)
    .fillColor('#666')
    .text('扫码查询办理进度 / Scan to track', 76, doc.page.height - 104, { width: 160 });
  doc.fontSize(13).fillColor('#000');
  doc.text(data.issuer, 260, doc.page.height - 190, { width: W - 336, align: 'right' });
  doc.text(data.issuedOn, 260, doc.page.height - 164, { width: W - 336, align: 'right' });
  doc.end();
  return done;
}
