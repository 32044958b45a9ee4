import { intOption, requiredString, stringOption, type CliCommand } from '../command';

export const command: CliCommand = {
  path: ['sim', 'card'],
  summary: 'Put a virtual card (social security / bank) into pcscd via vpcd / 模拟插入一张IC卡',
  usage:
    'sim card --profile FILE.json|SAMPLE [--host 127.0.0.1] [--port 35963] [--slot 0]\n' +
    '  SAMPLE: ssc-gen1, ssc-gen2, ssc-gen3, unionpay-debit, unionpay-credit-contact, unknown-card.\n' +
    '  [--fault wrongCard|answer6Cxx|answer61xx=CHUNK|pulledMidRead=APDUS]...\n' +
    '  With the development pcscd (scripts/services/pcscd.sh) run it inside its namespace:\n' +
    '  scripts/services/pcscd.sh exec -- npx yizhan sim card --profile devices/pcsc-reader/fixtures/ssc-gen3.json --host 127.0.0.2',
  options: {
    profile: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    slot: { type: 'string' },
    fault: { type: 'string', multiple: true },
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
    // Stay in the reader until killed; if vpcd drops us (pcscd restarted), insert again.
    while (!signal.aborted) {
      try {
        await sim.insert(signal);
        backoff = 250;
        process.stdout.write(`inserted ${profile.description} -> vpcd ${host}:${port}\n`);
        await Promise.race([sim.whenRemoved(), core.abortPromise(signal)]);
      } catch (err) {
        if (signal.aborted) break;
        process.stderr.write(`vpcd ${host}:${port} 无法连接 / not reachable: ${(err as Error).message}\n`);
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
