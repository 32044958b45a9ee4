import { intOption, requiredString, stringOption, type CliCommand } from '../command';

/** What serves vpcd's port and how to start it; the development daemon listens inside its own namespace. */
function vpcdHint(host: string): string {
  return (
    'vpcd is the virtual reader driver of pcscd (Debian package vsmartcard-vpcd): it listens only while\n' +
    'pcscd runs with it. Start the development daemon: bash scripts/services/pcscd.sh start, then run\n' +
    'this command inside its namespace: scripts/services/pcscd.sh exec -- npx yizhan sim card … --host 127.0.0.2' +
    (host === '127.0.0.2' ? '' : ` (not --host ${host})`)
  );
}

export const command: CliCommand = {
  path: ['sim', 'card'],
  summary: 'Put a virtual card (social security / bank) into pcscd via vpcd / 模拟插入一张IC卡',
  usage:
    'sim card --profile FILE.json|SAMPLE [--host 127.0.0.1] [--port 35963] [--slot 0] [--fault NAME[=N]]…',
  details:
    'SAMPLE: ssc-gen1, ssc-gen2, ssc-gen3, unionpay-debit, unionpay-credit-contact, unknown-card.\n' +
    'The card dials vpcd, the virtual reader driver pcscd loads (Debian package vsmartcard-vpcd).\n' +
    'With the development pcscd (scripts/services/pcscd.sh start, as root) run it inside its namespace:\n' +
    '  scripts/services/pcscd.sh exec -- npx yizhan sim card --profile devices/pcsc-reader/fixtures/ssc-gen3.json --host 127.0.0.2',
  options: {
    profile: {
      type: 'string',
      value: 'FILE.json|SAMPLE',
      help: 'The card: its ATR, files and records (samples in devices/pcsc-reader/fixtures/), or a SAMPLE name (required)',
    },
    host: { type: 'string', value: 'ADDR', help: 'Where vpcd listens (default 127.0.0.1)' },
    port: { type: 'string', value: 'N', help: "vpcd's first port (default 35963)" },
    slot: {
      type: 'string',
      value: 'N',
      help: 'Reader slot: 0 is "Virtual PCD 00 00", 1 is "… 00 01" (default 0)',
    },
    fault: {
      type: 'string',
      multiple: true,
      value: 'NAME[=N]',
      help: 'wrongCard, answer6Cxx, answer61xx=CHUNK or pulledMidRead=APDUS',
    },
  },
  async run(values, _positionals, signal) {
    const file = requiredString(values, 'profile');
    const host = stringOption(values, 'host') ?? '127.0.0.1';
    const [{ readFile }, pcsc, { TcpTransport }, core] = await Promise.all([
      import('node:fs/promises'),
      import('../../../devices/pcsc-reader'),
      import('../../../devices/transports/tcp'),
      import('../../../devices/core'),
    ]);
    const port = intOption(values, 'port', pcsc.VPCD_DEFAULT_PORT) + intOption(values, 'slot', 0);
    let profile: ReturnType<typeof pcsc.parseCardProfile>;
    try {
      profile =
        file in pcsc.SAMPLE_CARD_PROFILES
          ? pcsc.SAMPLE_CARD_PROFILES[file as keyof typeof pcsc.SAMPLE_CARD_PROFILES]
          : pcsc.parseCardProfile(JSON.parse(await readFile(file, 'utf8')));
      const switches = values.fault;
      if (Array.isArray(switches) && switches.length)
        profile = {
          ...profile,
          faults: { ...profile.faults, ...pcsc.parseFaultSwitches(switches.map(String)) },
        };
    } catch (err) {
      process.stderr.write(`卡配置无效 / invalid card profile ${file}: ${(err as Error).message}\n`);
      return 2;
    }
    const sim = new pcsc.PcscCardSimulator(profile, new TcpTransport({ host, port }));
    let backoff = 250;
    let inserted = false;
    let waiting = false;
    // Stay in the reader until killed; if vpcd drops us (pcscd restarted), insert again.
    while (!signal.aborted) {
      try {
        await sim.insert(signal);
        backoff = 250;
        inserted = true;
        waiting = false;
        process.stdout.write(`inserted ${profile.description} -> vpcd ${host}:${port}\n`);
        await Promise.race([sim.whenRemoved(), core.abortPromise(signal)]);
      } catch (err) {
        if (signal.aborted) break;
        const why = (err as Error).message;
        // Never reached: nothing will change by waiting; say what is missing and how to start it.
        if (!inserted) {
          process.stderr.write(`vpcd ${host}:${port} 无法连接 / not reachable: ${why}\n${vpcdHint(host)}\n`);
          return 1;
        }
        // Reached before: pcscd is restarting; say so once and insert the card again when it is back.
        if (!waiting)
          process.stderr.write(`vpcd ${host}:${port} went away (${why}); inserting again once it is back\n`);
        waiting = true;
      }
      if (sim.pulled) {
        process.stdout.write(`pulled after ${sim.apduCount} APDUs (fault pulledMidRead)\n`);
        return 0;
      }
      if (signal.aborted) break;
      await core.sleep(backoff, signal).catch(() => undefined);
      backoff = Math.min(backoff * 2, 5000);
    }
    await sim.remove();
    process.stdout.write('removed\n');
    return 0;
  },
};
