import type { PrinterDetail, ReceiptDocument, receipt } from '../../../devices/escpos-printer';
import {
  UsageError,
  intOption,
  printJson,
  printJsonError,
  requiredString,
  stringOption,
  type CliCommand,
} from '../command';

export const command: CliCommand = {
  path: ['device', 'printer'],
  summary: 'Read the status of an ESC/POS receipt printer, or print a test slip',
  usage: `device printer status --port PATH [--baud N] [--profile NAME] [--json]
       device printer test --port PATH [--baud N] [--profile NAME] [--json]`,
  options: {
    port: { type: 'string' },
    baud: { type: 'string' },
    profile: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, positionals, signal) {
    const action = positionals[0];
    if (action !== 'status' && action !== 'test') throw new UsageError('say "status" or "test"');
    const port = requiredString(values, 'port');
    const baudRate = intOption(values, 'baud', 115200);
    const json = values.json === true;
    const [{ existsSync, readFileSync }, family, transports, core] = await Promise.all([
      import('node:fs'),
      import('../../../devices/escpos-printer'),
      import('../../../devices/transports'),
      import('../../../devices/core'),
    ]);
    const profileName = stringOption(values, 'profile') ?? 'kp628';
    const profile = family.findProfile(profileName);
    if (!profile)
      throw new UsageError(`unknown profile "${profileName}"; one of ${family.PROFILE_NAMES.join(', ')}`);
    // The rasteriser is only needed to print (raster fallback); loading the font takes a second, so skip it for status.
    const fontPath = action === 'test' ? family.NOTO_CJK_FONT_PATHS.find((p) => existsSync(p)) : undefined;
    const glyphs = fontPath ? family.createCjkRasterizer(readFileSync(fontPath)) : undefined;

    const fail = (err: unknown): number => {
      const e = core.toDeviceError(err, { deviceId: 'printer', command: action }, signal);
      if (json) return printJsonError(e.code, e.message, e.detail ? { detail: e.detail } : {});
      process.stderr.write(`打印机错误 printer error: ${e.code}: ${e.message}\n`);
      return 1;
    };
    const transport = new transports.SerialTransport({ path: port, baudRate });
    try {
      await transport.open(signal);
    } catch (err) {
      return fail(
        new core.DeviceError('notConnected', `cannot open ${port}`, { deviceId: 'printer' }, { cause: err }),
      );
    }
    const driver = new family.EscposPrinterDriver(transport, {
      deviceId: 'printer',
      profile,
      baudRate,
      statusPollMs: 0,
      replyTimeoutMs: 2000,
      ...(glyphs ? { glyphs } : {}),
    });
    try {
      const status = await driver.refreshStatus(signal);
      if (action === 'status') {
        if (json) printJson(status.detail);
        else process.stdout.write(describe(status.health, status.detail));
        return 0;
      }
      const job = driver.submit(testSlip(family.receipt, status.health, status.detail, new Date()), {
        key: `test-${Date.now()}`,
      });
      const done = await driver.waitForJob(job.id, ['printed', 'taken', 'held', 'failed'], signal);
      if (json) printJson({ job: done, status: driver.status.current.detail });
      else
        process.stdout.write(
          `测试页 test slip: ${done.state}${done.reason ? ` (${done.reason})` : ''}\n${describe(driver.status.current.health, driver.status.current.detail)}`,
        );
      return done.state === 'printed' || done.state === 'taken' ? 0 : 1;
    } catch (err) {
      return fail(err);
    } finally {
      await transport.close();
    }
  },
};

type Detail = PrinterDetail;
type ReceiptHelpers = typeof receipt;
type Document = ReceiptDocument;

const yesNo = (v: boolean | null) => (v === null ? '未知 unknown' : v ? '是 yes' : '否 no');
const PAPER = { ok: '正常 ok', nearEnd: '将尽 near end', out: '缺纸 out' } as const;

function statusRows(health: string, d: Detail): [string, string][] {
  return [
    ['状态 Health', health],
    ['联机 Online', yesNo(d.online)],
    ['纸张 Paper', PAPER[d.paper]],
    ['上盖打开 Cover open', yesNo(d.coverOpen)],
    ['切刀故障 Cutter error', yesNo(d.cutterError)],
    ['凭条已取 Receipt taken', yesNo(d.receiptTaken)],
  ];
}

function describe(health: string, d: Detail): string {
  return statusRows(health, d)
    .map(([k, v]) => `${k}: ${v}\n`)
    .join('');
}

function testSlip(r: ReceiptHelpers, health: string, d: Detail, at: Date): Document {
  const stamp = at.toISOString();
  return {
    blocks: [
      r.title('打印测试 TEST'),
      r.text(stamp, { align: 'center' }),
      r.rule('double'),
      r.text('中文测试 Chinese text: 一站式自助服务终端，凭条打印机测试。'),
      r.text('ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789', { bold: true }),
      r.rule(),
      ...statusRows(health, d).map(([k, v]) => r.keyValue(k, v)),
      r.rule(),
      r.qr(`yizhan:printer-test:${stamp}`, 6),
      r.feed(2),
      r.cut(),
    ],
  };
}
