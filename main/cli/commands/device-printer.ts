import type { DeviceStatus } from '../../../devices/core';
import type { PrinterDetail, statusRows } from '../../../devices/escpos-printer';
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
        else process.stdout.write(describe(status, family.statusRows));
        return 0;
      }
      const { formatDateTime } = await import('../../../domain/time');
      const at = new Date();
      const job = driver.submit(family.testSlip(status, at, formatDateTime(at, { seconds: true })), {
        key: `test-${Date.now()}`,
      });
      const done = await driver.waitForJob(job.id, ['printed', 'taken', 'held', 'failed'], signal);
      if (json) printJson({ job: done, status: driver.status.current.detail });
      else
        process.stdout.write(
          `测试页 test slip: ${done.state}${done.reason ? ` (${done.reason})` : ''}\n${describe(driver.status.current, family.statusRows)}`,
        );
      return done.state === 'printed' || done.state === 'taken' ? 0 : 1;
    } catch (err) {
      return fail(err);
    } finally {
      // Ends the presenter watch of a slip still waiting to be taken, so the command exits at once.
      await driver.stop();
      await transport.close();
    }
  },
};

function describe(
  status: Pick<DeviceStatus<PrinterDetail>, 'health' | 'detail'>,
  rows: typeof statusRows,
): string {
  return rows(status)
    .map(([k, v]) => `${k}: ${v}\n`)
    .join('');
}
