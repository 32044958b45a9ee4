import { requiredString } from '../command';
import { acceptanceCommand } from '../acceptance';

export const command = acceptanceCommand({
  word: 'a4',
  what: 'A4 printer A4打印机',
  usage: '--queue NAME',
  family: async () => (await import('../../device-host/families/a4-printer')).a4Printer,
  linkOptions: {
    queue: {
      type: 'string',
      value: 'NAME',
      help: 'Print queue of the printer (CUPS), e.g. HallA4 (required)',
    },
  },
  transport: (v) => ({ kind: 'spooler', queue: requiredString(v, 'queue') }),
});
