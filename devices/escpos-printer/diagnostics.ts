/**
 * Technician checks for the receipt printer (house style 5.5-12): a status check that names what a
 * person must fix, and a test-slip action. The shapes are local until main/diagnostics defines them.
 */
import type { DeviceStatus } from '../core';
import type { EscposPrinterDriver, PrintJob } from './driver';
import { receipt, type ReceiptDocument } from './protocol/document';
import type { PrinterDetail } from './protocol/status';

export type CheckOutcome =
  | { outcome: 'pass'; data?: Record<string, unknown> }
  | { outcome: 'warn' | 'fail'; key: string; data?: Record<string, unknown> };

export interface PrinterCheck {
  id: string;
  /** i18n key of the check's title. */
  title: string;
  kind: 'check' | 'action';
  run(ctx: {
    driver: EscposPrinterDriver;
    signal?: AbortSignal;
    now: Date;
    /** The time as people read it (domain/time: Beijing time unless the site sets a zone); devices cannot format it. */
    formatTime: (at: Date) => string;
  }): Promise<CheckOutcome>;
}

const yesNo = (v: boolean | null) => (v === null ? '未知 unknown' : v ? '是 yes' : '否 no');
const PAPER = { ok: '正常 ok', nearEnd: '将尽 near end', out: '缺纸 out' } as const;

/** Status as labelled rows (Chinese first), for the CLI and the test slip. */
export function statusRows(
  status: Pick<DeviceStatus<PrinterDetail>, 'health' | 'detail'>,
): [string, string][] {
  const d = status.detail;
  return [
    ['状态 Health', status.health],
    ['联机 Online', yesNo(d.online)],
    ['纸张 Paper', PAPER[d.paper]],
    ['上盖打开 Cover open', yesNo(d.coverOpen)],
    ['切刀故障 Cutter error', yesNo(d.cutterError)],
    ['凭条已取 Receipt taken', yesNo(d.receiptTaken)],
  ];
}

/**
 * The test slip: Chinese and Latin text, a QR code, the status just read, then a cut. `printedAt`
 * is the time as the caller formats it for people (never UTC on paper); the QR carries the instant.
 */
export function testSlip(
  status: Pick<DeviceStatus<PrinterDetail>, 'health' | 'detail'>,
  at: Date,
  printedAt: string,
): ReceiptDocument {
  const stamp = at.toISOString();
  return {
    blocks: [
      receipt.title('打印测试 TEST'),
      receipt.text(printedAt, { align: 'center' }),
      receipt.rule('double'),
      receipt.text('中文测试 Chinese text: 一站式自助服务终端，凭条打印机测试。'),
      receipt.text('ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789', { bold: true }),
      receipt.text('扫码测试 QR code test', { align: 'center' }),
      receipt.qr(`yizhan:printer-test:${stamp}`, 6),
      receipt.rule(),
      ...statusRows(status).map(([k, v]) => receipt.keyValue(k, v)),
      receipt.rule(),
      receipt.feed(2),
      receipt.cut(),
    ],
  };
}

function statusOutcome(s: DeviceStatus<PrinterDetail>): CheckOutcome {
  const data = { health: s.health, ...s.detail };
  if (s.detail.cutterError) return { outcome: 'fail', key: 'diag.printer.cutterError', data };
  if (s.detail.paper === 'out') return { outcome: 'fail', key: 'diag.printer.paperOut', data };
  if (s.detail.coverOpen) return { outcome: 'fail', key: 'diag.printer.coverOpen', data };
  if (s.health !== 'online' && s.health !== 'userError')
    return { outcome: 'fail', key: 'diag.printer.notOnline', data };
  if (s.detail.receiptTaken === false) return { outcome: 'warn', key: 'diag.printer.receiptNotTaken', data };
  if (s.detail.paper === 'nearEnd') return { outcome: 'warn', key: 'diag.printer.paperLow', data };
  return { outcome: 'pass', data };
}

export const printerChecks: PrinterCheck[] = [
  {
    id: 'printer.status',
    title: 'diag.printer.status',
    kind: 'check',
    async run({ driver, signal }) {
      try {
        return statusOutcome(await driver.refreshStatus(signal));
      } catch {
        return { outcome: 'fail', key: 'diag.printer.noReply' };
      }
    },
  },
  {
    id: 'printer.testSlip',
    title: 'diag.printer.testSlip',
    kind: 'action',
    async run({ driver, signal, now, formatTime }) {
      const status = await driver.refreshStatus(signal).catch(() => driver.status.current);
      const job = driver.submit(testSlip(status, now, formatTime(now)), {
        key: `diag-test-${now.getTime()}`,
      });
      const done: PrintJob = await driver.waitForJob(job.id, ['printed', 'taken', 'held', 'failed'], signal);
      return done.state === 'printed' || done.state === 'taken'
        ? { outcome: 'pass', data: { job: done.id } }
        : { outcome: 'fail', key: `diag.printer.job.${done.reason ?? done.state}`, data: { job: done.id } };
    },
  },
];
