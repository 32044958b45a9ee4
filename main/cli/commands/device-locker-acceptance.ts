import { intOption, stringOption } from '../command';
import { acceptanceCommand, serialOptions, serialTransport } from '../acceptance';

export const command = acceptanceCommand({
  word: 'locker',
  what: 'locker cabinet 智能柜',
  usage: '--port PATH [--protocol cu|8a] [--boards 1,2] [--doors 16] [--board N --door N]',
  family: async () => (await import('../../device-host/families/locker-board')).lockerBoard,
  linkOptions: serialOptions('the protocol’s: 8A 9600, CU 19200'),
  extraOptions: {
    protocol: { type: 'string', value: 'cu|8a', help: 'Board protocol (default cu)' },
    boards: { type: 'string', value: 'LIST', help: 'Board addresses on the bus, e.g. 1,2 (default 1)' },
    doors: { type: 'string', value: 'N', help: 'Doors per board (default 16)' },
    board: { type: 'string', value: 'N', help: 'Board of the door the open test uses (default the first)' },
    door: {
      type: 'string',
      value: 'N',
      help: 'Door the open test opens; it must be closed again (default 1)',
    },
  },
  transport: serialTransport,
  options: (v) => {
    const boards = stringOption(v, 'boards')?.split(',').map(Number);
    return {
      ...(stringOption(v, 'protocol') ? { protocol: stringOption(v, 'protocol') } : {}),
      cabinet: {
        ...(boards ? { boards } : {}),
        ...(v.doors !== undefined ? { doorsPerBoard: intOption(v, 'doors', 16) } : {}),
      },
    };
  },
  params: (v) => ({
    ...(v.board !== undefined ? { board: intOption(v, 'board', 1) } : {}),
    ...(v.door !== undefined ? { door: intOption(v, 'door', 1) } : {}),
  }),
});
