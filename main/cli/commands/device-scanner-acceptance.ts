import { acceptanceCommand, serialOptions, serialTransport } from '../acceptance';

export const command = acceptanceCommand({
  word: 'scanner',
  what: 'QR / barcode scanner 扫码器',
  usage: '--port PATH [--baud N]',
  family: async () => (await import('../../device-host/families/scanner')).scanner,
  linkOptions: serialOptions('9600'),
  transport: serialTransport,
});
