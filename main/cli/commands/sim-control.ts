import { printJson, stringOption, UsageError, type CliCommand } from '../command';

export const command: CliCommand = {
  path: ['sim', 'control'],
  summary:
    'Drive the simulated devices of a running `yizhan start` (放卡、插卡、扫码、取凭条、缺纸、卡门、拔线)',
  usage: 'sim control <verb> [--data-dir DIR | --socket PATH] [--file F.json] [--printer receipt|a4]',
  details: `Verbs:
  status                                     every simulated device and what it holds
  idcard place [SAMPLE] [--file CARD.json]   put an ID card on the reader: resident (default),
                                             residentWithExtraAddress, rareName (生僻字 name), hkmotw,
                                             foreign2017, foreign2023 (permanent residence cards)
  idcard remove                              lift it
  card insert [SAMPLE] [--file PROFILE.json] insert a card: ssc-gen3 (default), ssc-gen1, ssc-gen2,
                                             unionpay-debit, unionpay-credit-contact, unknown-card
  card remove                                take it out
  scan TEXT                                  present a code to the scanner
  receipt take | receipt last [N]            take the receipt / the last N receipts as text
  paper out|low|ok [--printer receipt|a4]    paper runs out, runs low, is put back
  cover open|closed                          the receipt printer's cover
  locker jam|free|close|force BOARD DOOR     jam or free a door, close an open door, pry one open
  locker item|empty BOARD DOOR               put something in a door or take it out
  unplug DEVICE | replug DEVICE              pull a cable and put it back (a role such as idCard or
                                             receiptPrinter, or a device id)
  Answers one JSON line ({"ok":true,"result":…} or {"ok":false,"error":…}); exits 1 on a refusal.
  The kiosk's data dir (--data-dir of yizhan start) holds the socket; only simulated devices listen.`,
  options: {
    'data-dir': {
      type: 'string',
      value: 'DIR',
      help: "The kiosk's data dir (--data-dir of yizhan start; default its configured one)",
    },
    socket: {
      type: 'string',
      value: 'PATH',
      help: 'The control socket itself (default <data dir>/sim/control.sock)',
    },
    file: {
      type: 'string',
      value: 'F.json',
      help: 'A card of your own: an ID card record or a PC/SC card profile',
    },
    printer: {
      type: 'string',
      value: 'receipt|a4',
      help: 'Which printer a paper verb acts on (default receipt)',
    },
  },
  async run(values, positionals) {
    const [{ readFileSync }, { connect }, path, protocol, { HostConfig }] = await Promise.all([
      import('node:fs'),
      import('node:net'),
      import('node:path'),
      import('../../device-host/sim-control/protocol'),
      import('../../config/host-config'),
    ]);
    const file = stringOption(values, 'file');
    let fileJson: unknown;
    if (file) {
      try {
        fileJson = JSON.parse(readFileSync(file, 'utf8'));
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
      }
    }
    const printer = stringOption(values, 'printer');
    let request;
    try {
      request = protocol.parseControlWords(positionals, {
        ...(fileJson !== undefined ? { file: fileJson } : {}),
        ...(printer !== undefined ? { printer } : {}),
      });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const dataDir = path.resolve(stringOption(values, 'data-dir') ?? HostConfig.parse({}).dataDir);
    const socketPath = stringOption(values, 'socket') ?? protocol.simControlSocket(dataDir);
    const answer = await new Promise<string>((resolve, reject) => {
      const s = connect(socketPath);
      let buf = '';
      s.setEncoding('utf8');
      s.once('connect', () => s.write(`${JSON.stringify(request)}\n`));
      s.on('data', (chunk: string) => {
        buf += chunk;
        const nl = buf.indexOf('\n');
        if (nl >= 0) {
          s.end();
          resolve(buf.slice(0, nl));
        }
      });
      s.once('error', reject);
      s.once('close', () => reject(new Error('the kiosk closed the connection without an answer')));
    }).catch((err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'ENOENT' || err.code === 'ECONNREFUSED'
          ? `no simulated kiosk answers at ${socketPath} (is \`yizhan start\` running with simulated devices and this --data-dir?)`
          : err.message;
      return JSON.stringify({ ok: false, error: { code: 'notConnected', message: why } });
    });
    const res = JSON.parse(answer) as { ok: boolean };
    printJson(res);
    return res.ok ? 0 : 1;
  },
};
