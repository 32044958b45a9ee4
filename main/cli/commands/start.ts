import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { intOption, stringOption, type CliCommand } from '../command';

export const command: CliCommand = {
  path: ['start'],
  summary: 'Run the kiosk: device host, embedded back office (unless configured), touch UI in Chromium',
  usage:
    'start [--config FILE.json] [--port N] [--no-browser] [--headless] [--width 1920] [--height 1080] [--data-dir DIR]',
  options: {
    config: { type: 'string' },
    port: { type: 'string' },
    'no-browser': { type: 'boolean' },
    headless: { type: 'boolean' },
    width: { type: 'string' },
    height: { type: 'string' },
    'data-dir': { type: 'string' },
  },
  async run(values, _positionals, signal) {
    const { startKiosk } = await import('../../chromium-shell/kiosk');
    const configFile = stringOption(values, 'config');
    const dataDir = stringOption(values, 'data-dir');
    const kiosk = await startKiosk({
      ...(configFile ? { configFile: path.resolve(configFile) } : {}),
      ...(dataDir ? { dataDir: path.resolve(dataDir) } : {}),
      port: intOption(values, 'port', 0),
      browser: values['no-browser'] ? 'none' : values.headless ? 'headless' : 'kiosk',
      width: intOption(values, 'width', 1920),
      height: intOption(values, 'height', 1080),
      token: randomBytes(18).toString('base64url'),
    });
    process.stdout.write(
      `${JSON.stringify({ event: 'kiosk.ready', url: kiosk.url, backoffice: kiosk.backofficeUrl })}\n`,
    );
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    await kiosk.stop();
    return 0;
  },
};
