import { receipt, type ReceiptDocument } from '../../devices/escpos-printer';

/** A typical 受理回执 (acceptance receipt): title, ten key/value lines, QR, CODE128, cut. Fictional data. */
export function acceptanceReceipt(serial = 'SL2026112300042'): ReceiptDocument {
  const rows: [string, string][] = [
    ['受理编号', serial],
    ['办理事项', '居民身份证换领'],
    ['申请人', '张*丰'],
    ['证件号码', '110105********1234'],
    ['受理时间', '2026-11-23 09:41'],
    ['受理窗口', '24小时自助服务厅 3号机'],
    ['承诺时限', '15个工作日'],
    ['领取方式', '邮寄到付'],
    ['收件地址', '北京市东城区东华门街道正义路2号院3号楼'],
    ['咨询电话', '12345'],
  ];
  return {
    blocks: [
      receipt.title('受理回执'),
      receipt.text('北京市政务服务中心', { align: 'center' }),
      receipt.rule('double'),
      ...rows.map(([k, v]) => receipt.keyValue(k, v)),
      receipt.rule(),
      receipt.text('扫码查询办理进度 Scan to track', { align: 'center' }),
      receipt.qr(`https://zwfw.example.gov.cn/q?no=${serial}`, 6),
      receipt.code128(serial),
      receipt.text('请妥善保管本回执 Keep this receipt', { align: 'center', underline: 1 }),
      receipt.feed(2),
      receipt.cut(),
    ],
  };
}
