import { acceptanceCommand, serialOptions, serialTransport } from '../acceptance';

export const command = acceptanceCommand({
  word: 'idcard',
  what: 'ID card reader 身份证阅读器',
  usage: '--port PATH [--baud N]',
  family: async () => (await import('../../device-host/families/id-card-reader')).idCardReader,
  linkOptions: serialOptions('probe 115200, then 9600'),
  transport: serialTransport,
  options: (v) => (v.baud === undefined ? {} : { baudRates: [Number(v.baud)] }),
});
