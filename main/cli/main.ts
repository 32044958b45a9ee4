import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error';
import { printJson, UsageError, type CliCommand } from './command';

const COMMANDS_DIR = new URL('./commands/', import.meta.url);

async function loadCommands(): Promise<CliCommand[]> {
  const files = readdirSync(COMMANDS_DIR).filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f));
  const mods = await Promise.all(
    files.map((f) => import(new URL(f, COMMANDS_DIR).href) as Promise<{ command?: CliCommand }>),
  );
  return mods
    .flatMap((m) => (m.command ? [m.command] : []))
    .sort((a, b) => a.path.join(' ').localeCompare(b.path.join(' ')));
}

function help(commands: CliCommand[]): string {
  const lines = commands.map((c) => `  yizhan ${c.path.join(' ').padEnd(24)} ${c.summary}`);
  return `Yizhan (一站) self-service terminal\n\nUsage:\n${lines.join('\n')}\n\nRun "yizhan <command> --help" for a command's options.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const commands = await loadCommands();
  // Longest matching command path wins: "device idcard read" before "device idcard".
  const match = commands
    .filter((c) => c.path.every((w, i) => argv[i] === w))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!match) {
    const wanted = argv.filter((a) => !a.startsWith('-')).join(' ');
    process.stderr.write(
      wanted && wanted !== 'help' ? `unknown command: ${wanted}\n\n${help(commands)}` : help(commands),
    );
    return wanted && wanted !== 'help' ? 2 : 0;
  }
  const rest = argv.slice(match.path.length);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${match.summary}\n\nUsage: yizhan ${match.usage}\n`);
    return 0;
  }
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: match.options,
      allowPositionals: true,
      strict: true,
    });
    return await match.run(values, positionals, controller.signal);
  } catch (err) {
    if (
      err instanceof UsageError ||
      (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      // Tools that asked for JSON parse stdout only, so a bad invocation is answered in the same shape.
      if (rest.includes('--json')) printJson({ error: { code: 'invalidArgument', message: err.message } });
      process.stderr.write(`${err.message}\nUsage: yizhan ${match.usage}\n`);
      return 2;
    }
    // A site file that cannot be used: the message names the file, the path and what was expected;
    // 78 is EX_CONFIG (sysexits.h), so a service manager can tell it from a crash.
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 78;
    }
    throw err;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
