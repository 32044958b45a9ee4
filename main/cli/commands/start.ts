import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Kiosk } from '../../chromium-shell/kiosk';
import { intOption, stringOption, type CliCommand } from '../command';

export const command: CliCommand = {
  path: ['start'],
  summary: 'Run the kiosk: device host, embedded back office (unless configured), touch UI in Chromium',
  usage:
    'start [--config FILE.json] [--data-dir DIR] [--no-browser | --headless] [--width PX] [--height PX] [--port N] [--remote-debugging-port N] [--json]',
  details:
    'Prints one JSON line {"event":"kiosk.ready","url","backoffice","console",…} once the kiosk serves,\n' +
    'then (without --json) the same in words. Logs are JSON lines on stderr. Stops cleanly on SIGTERM,\n' +
    'SIGINT (Ctrl+C) or SIGHUP; the device host and the browser never outlive it.',
  options: {
    config: {
      type: 'string',
      value: 'FILE.json',
      help:
        'Site configuration: kioskId, devices (id, family, transport, options), backoffice.url, dataDir\n' +
        '(main/config/host-config.ts). Default: every device simulated, an embedded back office',
    },
    port: {
      type: 'string',
      value: 'N',
      help: 'Loopback port of the page bridge the browser loads the kiosk from (default 0: a free port)',
    },
    'no-browser': {
      type: 'boolean',
      help: 'Start no browser: open the printed kiosk URL yourself (another screen, a test driver)',
    },
    headless: {
      type: 'boolean',
      help: 'Run Chromium without a window (checks on a machine with no display)',
    },
    width: { type: 'string', value: 'PX', help: 'Kiosk window width in pixels (default 1920)' },
    height: { type: 'string', value: 'PX', help: 'Kiosk window height in pixels (default 1080)' },
    'remote-debugging-port': {
      type: 'string',
      value: 'N',
      help:
        "For test drivers only: Chromium's DevTools port on loopback, so Playwright can attach to the\n" +
        'kiosk page (off unless given; never on a kiosk in service)',
    },
    json: { type: 'boolean', help: 'Print only the JSON line once ready (for tools that start the kiosk)' },
    'data-dir': {
      type: 'string',
      value: 'DIR',
      help:
        'Outbox of filings, embedded back office database and caches (created 0700);\n' +
        "default: the configuration's dataDir, else ~/.local/share/yizhan",
    },
  },
  async run(values, _positionals, signal) {
    const [{ startKiosk }, { createJsonLogger }] = await Promise.all([
      import('../../chromium-shell/kiosk'),
      import('../../logging/json-logger'),
    ]);
    const log = createJsonLogger({ component: 'kiosk' });
    const configFile = stringOption(values, 'config');
    const dataDir = stringOption(values, 'data-dir');
    const browser: keyof typeof BROWSER_TEXT = values['no-browser']
      ? 'none'
      : values.headless
        ? 'headless'
        : 'kiosk';
    const options = {
      ...(configFile ? { configFile: path.resolve(configFile) } : {}),
      ...(dataDir ? { dataDir: path.resolve(dataDir) } : {}),
      port: intOption(values, 'port', 0),
      browser,
      width: intOption(values, 'width', 1920),
      height: intOption(values, 'height', 1080),
      token: randomBytes(18).toString('base64url'),
      ...(values['remote-debugging-port'] !== undefined
        ? { remoteDebuggingPort: intOption(values, 'remote-debugging-port', 0) }
        : {}),
      log,
    } as const;
    const running: { kiosk?: Kiosk } = {};
    // An error nothing caught: say what it was, stop what runs (bounded), exit non-zero. Should even
    // that fail, the kiosk's lifeline ends the host and the browser once this process is gone.
    const fatal = (err: unknown) => {
      log.error('kiosk.fatal', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      setTimeout(() => process.exit(1), 10_000).unref();
      void (running.kiosk?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
    };
    process.once('uncaughtException', fatal);
    process.once('unhandledRejection', fatal);
    const k = await startKiosk(options);
    running.kiosk = k;
    const ready = {
      event: 'kiosk.ready',
      url: k.url,
      backoffice: k.backofficeUrl,
      console: k.consoleUrl,
      embeddedBackoffice: k.embeddedBackoffice,
      browser,
      dataDir: k.dataDir,
      runtime: k.runtime,
      pid: process.pid,
    };
    process.stdout.write(`${JSON.stringify(ready)}\n`);
    if (values.json !== true) process.stdout.write(readyText(ready));
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await k.stop();
    // Everything it started is stopped; a handle still open (a socket, a timer) must not keep a
    // stopped kiosk alive: name it for the technician and leave.
    setTimeout(() => {
      log.warn('kiosk.exitForced', { handles: process.getActiveResourcesInfo() });
      process.exit(0);
    }, 3000).unref();
    return 0;
  },
};

const BROWSER_TEXT = {
  kiosk: 'shown full-screen by Chromium (kiosk mode)',
  headless: 'loaded by Chromium without a window (--headless)',
  none: 'open it in a browser (--no-browser)',
} as const;

function readyText(r: {
  url: string;
  console: string;
  embeddedBackoffice: boolean;
  browser: keyof typeof BROWSER_TEXT;
  dataDir: string;
  runtime: { from: 'source' | 'bundle'; node: string };
  pid: number;
}): string {
  const rows: [string, string][] = [
    ['kiosk page', `${r.url}\n${' '.repeat(18)}${BROWSER_TEXT[r.browser]}`],
    [
      'staff console',
      `${r.console}\n${' '.repeat(18)}${r.embeddedBackoffice ? 'embedded back office; development accounts in backoffice/README.md' : 'the configured back office'}`,
    ],
    ['data', `${r.dataDir} (outbox, embedded back office database; owner only)`],
    [
      'runs on',
      `Node ${r.runtime.node}, ${r.runtime.from === 'bundle' ? 'bundles in dist/' : 'TypeScript sources through tsx'}`,
    ],
    ['stop', `Ctrl+C, or SIGTERM to pid ${r.pid}`],
  ];
  return `一站 kiosk ready / 自助终端已启动\n${rows.map(([k, v]) => `  ${k.padEnd(14)}  ${v}`).join('\n')}\n`;
}
