import {
  layoutDocument,
  lineToText,
  type PrinterProfile,
  type ReceiptDocument,
} from '../../devices/escpos-printer/protocol';

/**
 * What the simulator's transcript should say for a document printed in text mode: the laid-out
 * lines, aligned with spaces, plus the same markers for QR, barcode, raster and cut.
 */
export function expectedTranscript(doc: ReceiptDocument, profile: PrinterProfile): string {
  const out: string[] = [];
  for (const item of layoutDocument(doc, profile.columns)) {
    if (item.kind === 'lines') out.push(...item.lines.map((l) => lineToText(l, profile.columns)));
    else if (item.kind === 'qr') out.push(`[QR ${item.data}]`);
    else if (item.kind === 'barcode') out.push(`[CODE128 ${item.data}]`);
    else if (item.kind === 'cut') out.push('[CUT]');
  }
  return out.join('\n') + '\n';
}
