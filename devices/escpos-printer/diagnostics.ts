/**
 * The receipt printer's self-tests, in the order the acceptance suite runs them (house style
 * 5.5-12): a status check that names what a person must fix, and a test slip with Chinese text and a
 * QR code, followed to the presenter and taken where the model can tell.
 */
import type { DeviceStatus, SelfTest, SelfTestOutcome } from '../core';
import type { EscposPrinterDriver, PrintJob } from './driver';
import { receipt, type ReceiptDocument } from './protocol/document';
import type { PrinterDetail } from './protocol/status';

export type CheckOutcome = SelfTestOutcome;
export type PrinterCheck = SelfTest<EscposPrinterDriver>;

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
    async run({ device: driver, signal }) {
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
    async run({ device: driver, operator, signal, readableTime }) {
      const now = new Date(driver.now());
      const status = await driver.refreshStatus(signal).catch(() => driver.status.current);
      const job = driver.submit(testSlip(status, now, readableTime?.(now) ?? now.toISOString()), {
        key: `diag-test-${now.getTime()}`,
      });
      const done: PrintJob = await driver.waitForJob(job.id, ['printed', 'taken', 'held', 'failed'], signal);
      if (done.state !== 'printed' && done.state !== 'taken')
        return {
          outcome: 'fail',
          key: `diag.printer.job.${done.reason ?? done.state}`,
          data: { job: done.id },
        };
      if (done.state === 'taken' || !driver.knowsTaken) return { outcome: 'pass', data: { job: done.id } };
      // A presenter model: the slip counts once someone has taken it out.
      await operator.ask({ kind: 'takeReceipt' });
      const taken = await driver.waitTaken(job.id, {
        timeoutMs: operator.patienceMs,
        ...(signal ? { signal } : {}),
      });
      return taken === 'taken'
        ? { outcome: 'pass', data: { job: done.id, taken: true } }
        : { outcome: 'fail', key: 'diag.printer.receiptNotTaken', data: { job: done.id } };
    },
  },
];
