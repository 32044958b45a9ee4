import { stringOption } from '../command';
import { acceptanceCommand } from '../acceptance';

export const command = acceptanceCommand({
  word: 'card',
  what: 'PC/SC card reader 社保卡/银行卡读卡器',
  usage: '[--reader NAME] [--pcscd-socket PATH]',
  family: async () => (await import('../../device-host/families/pcsc-reader')).pcscReader,
  linkOptions: {
    reader: {
      type: 'string',
      value: 'NAME',
      help: 'Reader name or a part of it (default: the first attached)',
    },
    'pcscd-socket': { type: 'string', value: 'PATH', help: "pcscd's socket (default /run/pcscd/pcscd.comm)" },
  },
  transport: (v) => ({
    kind: 'pcsc',
    ...(stringOption(v, 'reader') ? { reader: stringOption(v, 'reader')! } : {}),
    ...(stringOption(v, 'pcscd-socket') ? { socket: stringOption(v, 'pcscd-socket')! } : {}),
  }),
});
