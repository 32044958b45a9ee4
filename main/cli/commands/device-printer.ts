import { intOption, printJson, requiredString, stringOption, UsageError, type CliCommand } from '../command';

export const command: CliCommand = {
  path: ['device', 'printer'],
  summary: 'Read the status of an ESC/POS receipt printer, or print a test slip',
  usage: `device printer status --port PATH [--baud N] [--profile NAME] [--json]
       device printer test --port PATH [--baud N] [--profile NAME] [--json]
  status exits 1 when the printer cannot print now (paper out, cover open, offline …) and names why.`,
  options: {
    port: { type: 'string', value: 'PATH', help: 'Serial port of the printer (required)' },
    baud: { type: 'string', value: 'N', help: 'Line rate (default 115200)' },
    profile: {
      type: 'string',
      value: 'NAME',
      help: 'Printer model profile: paper width, code page, cutter (default kp628)',
    },
    json: { type: 'boolean', help: 'Print the status or the outcome as one JSON line' },
  },
  async run(values, positionals, signal) {
    const action = positionals[0];
    if (action !== 'status' && action !== 'test') throw new UsageError('say "status" or "test"');
    const port = requiredString(values, 'port');
    const baudRate = intOption(values, 'baud', 115200);
    const json = values.json === true;
    const [core, printer, { CONDITION_LABELS, serves }, family, { buildDevice, reportFailure }] =
      await Promise.all([
        import('../../../devices/core'),
        import('../../device-host/families/escpos-printer'),
        import('../../device-host/conditions'),
        import('../../../devices/escpos-printer'),
        import('../device-run'),
      ]);
    const profile = stringOption(values, 'profile') ?? 'kp628';
    if (!family.findProfile(profile))
      throw new UsageError(`unknown profile "${profile}"; one of ${family.PROFILE_NAMES.join(', ')}`);
    const where = { deviceId: 'printer', command: action };
    const fail = (err: unknown) =>
      reportFailure(core.toDeviceError(err, where, signal), json, '打印机错误 printer error');
    let device;
    try {
      device = await buildDevice(
        printer.escposPrinter,
        'printer',
        { kind: 'serial', path: port, baudRate },
        { profile, statusPollMs: 0, replyTimeoutMs: 2000 },
        { statusOnly: action === 'status' },
      );
    } catch (err) {
      if (err instanceof UsageError) throw err;
      return fail(err);
    }
    const describe = () => {
      const s = device.status() as Parameters<typeof family.statusRows>[0];
      const rows: [string, string][] = [
        ['状况 Condition', CONDITION_LABELS[device.condition()]],
        ...family.statusRows(s),
      ];
      return rows.map(([k, v]) => `${k}: ${v}\n`).join('');
    };
    try {
      const status = await device.commands.refreshStatus(signal);
      const condition = device.condition();
      if (action === 'status') {
        if (json) printJson({ ...status.detail, health: status.health, condition });
        else process.stdout.write(describe());
        // A printer that cannot print now is a failed check, whatever the reason.
        return serves(condition) ? 0 : 1;
      }
      const done = await device.commands.testSlip(signal);
      if (json) printJson({ job: done, status: device.status().detail, condition: device.condition() });
      else
        process.stdout.write(
          `测试页 test slip: ${done.state}${done.reason ? ` (${done.reason})` : ''}\n${describe()}`,
        );
      return done.state === 'printed' || done.state === 'taken' ? 0 : 1;
    } catch (err) {
      return fail(err);
    } finally {
      // Ends the presenter watch of a slip still waiting to be taken, so the command exits at once.
      await device.stop();
    }
  },
};
