/**
 * The A4 self-test page, written by hand as a minimal PDF (ISO 32000-1: one page, the standard
 * Helvetica font, a frame and three lines of text) so the driver's own self-test needs no renderer.
 * Chinese text and the product's fonts are the print templates' business (print-templates/).
 */
export function a4TestPage(at: Date, queue: string): Uint8Array {
  const text = [`Yizhan A4 test page`, `Queue: ${ascii(queue)}`, at.toISOString()];
  const content = [
    '0.5 w 36 36 523 770 re S',
    'BT /F1 28 Tf 72 740 Td',
    ...text.map((t, i) => `${i === 0 ? '' : '0 -40 Td '}(${t}) Tj`),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

/** PDF string literals: printable ASCII without the characters that need escaping. */
const ascii = (s: string) => s.replace(/[^\x20-\x7e]|[()\\]/g, '?');
