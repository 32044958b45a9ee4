import { stringOption } from '../command';
import { acceptanceCommand, serialOptions, serialTransport } from '../acceptance';

export const command = acceptanceCommand({
  word: 'printer',
  what: 'receipt printer 凭条打印机',
  usage: '--port PATH [--baud N] [--profile kp628]',
  family: async () => (await import('../../device-host/families/escpos-printer')).escposPrinter,
  linkOptions: serialOptions('115200'),
  extraOptions: {
    profile: { type: 'string', value: 'NAME', help: 'Printer model profile (default kp628)' },
  },
  transport: serialTransport,
  options: (v) => ({ profile: stringOption(v, 'profile') ?? 'kp628', statusPollMs: 0 }),
});
