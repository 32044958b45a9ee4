// The locker commands' help states the product's one default cabinet (domain/lockers): a technician
// reading `--help` must not be told another protocol or board than the command then uses (issue #8).
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCKER_BOARD, DEFAULT_LOCKER_PROTOCOL } from '../../../domain/lockers';
import { command as deviceLocker } from './device-locker';
import { command as simLocker } from './sim-locker';

describe('locker defaults in the help', () => {
  it.each([
    ['device locker', deviceLocker, 'board'],
    ['sim locker', simLocker, 'first-board'],
  ] as const)('%s names the default protocol and board', (_name, command, boardOption) => {
    const help = (option: string) => command.options[option]!.help;
    expect(help('protocol')).toMatch(new RegExp(`default ${DEFAULT_LOCKER_PROTOCOL}$`));
    expect(command.options.protocol!.value).toMatch(new RegExp(`^${DEFAULT_LOCKER_PROTOCOL}\\|`));
    expect(help(boardOption)).toMatch(new RegExp(`\\(default ${DEFAULT_LOCKER_BOARD}[;)]`));
    expect(`${command.usage}\n${command.details ?? ''}`).toContain(
      `protocol ${DEFAULT_LOCKER_PROTOCOL}, board`,
    );
  });
});
