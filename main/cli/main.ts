import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error';
import { printJson, UsageError, type CliCommand } from './command';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const COMMANDS_DIR = new URL('./commands/', import.meta.url);

/**
 * Running from source, every command file in commands/ (the bundle's entry lists the same files at
 * build time: scripts/bundle.mjs, same rule).
 */
async function loadCommands(): Promise<CliCommand[]> {
  const files = readdirSync(COMMANDS_DIR).filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f));
  const mods = await Promise.all(
    files.map((f) => import(new URL(f, COMMANDS_DIR).href) as Promise<{ command?: CliCommand }>),
  );
  return mods.flatMap((m) => (m.command ? [m.command] : []));
}

function overview(commands: CliCommand[]): string {
  const lines = commands.map((c) => `  yizhan ${c.path.join(' ').padEnd(24)} ${c.summary}`);
  return `Yizhan (一站) self-service terminal\n\nUsage:\n${lines.join('\n')}\n\nRun "yizhan <command> --help" for a command's options.\n`;
}

/** `yizhan <command> --help`: the synopsis, one entry per option, then the command's own notes. */
export function commandHelp(c: CliCommand): string {
  const entries = Object.entries(c.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    return [flag, `${o.help}${o.multiple ? ' (repeatable)' : ''}`] as const;
  });
  entries.push(['-h, --help', 'Show this help']);
  const width = Math.min(28, Math.max(...entries.map(([f]) => f.length)));
  const options = entries.map(([flag, text]) => {
    const [first, ...more] = text.split('\n');
    const pad = ' '.repeat(width + 4);
    const head = flag.length > width ? `  ${flag}\n${pad}${first}` : `  ${flag.padEnd(width)}  ${first}`;
    return [head, ...more.map((l) => `${pad}${l}`)].join('\n');
  });
  return [
    `${c.summary}\n`,
    `Usage: yizhan ${c.usage}\n`,
    `Options:\n${options.join('\n')}\n`,
    ...(c.details ? [`${c.details.trimEnd()}\n`] : []),
  ].join('\n');
}

export async function main(argv: string[], found?: CliCommand[]): Promise<number> {
  const commands = (found ?? (await loadCommands())).sort((a, b) =>
    a.path.join(' ').localeCompare(b.path.join(' ')),
  );
  // Longest matching command path wins: "device idcard read" before "device idcard".
  const match = commands
    .filter((c) => c.path.every((w, i) => argv[i] === w))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!match) {
    const wanted = argv.filter((a) => !a.startsWith('-')).join(' ');
    // Asked for (no command, `help`, `--help`): the overview on stdout. A wrong command: on stderr, exit 2.
    if (wanted && wanted !== 'help') {
      process.stderr.write(`unknown command: ${wanted}\n\n${overview(commands)}`);
      return 2;
    }
    process.stdout.write(overview(commands));
    return 0;
  }
  const rest = argv.slice(match.path.length);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(commandHelp(match));
    return 0;
  }
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('interrupted'));
  // A service manager stops with SIGTERM, a terminal with SIGINT, a closed terminal sends SIGHUP.
  for (const sig of STOP_SIGNALS) process.once(sig, stop);
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: Object.fromEntries(
        Object.entries(match.options).map(([name, { type, multiple, short }]) => [
          name,
          { type, ...(multiple ? { multiple } : {}), ...(short ? { short } : {}) },
        ]),
      ),
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
      process.stderr.write(
        `${err.message}\nUsage: yizhan ${match.usage}\nRun "yizhan ${match.path.join(' ')} --help" for every option.\n`,
      );
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
    for (const sig of STOP_SIGNALS) process.off(sig, stop);
  }
}
