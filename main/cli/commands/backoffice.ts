import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { intOption, printJson, printJsonError, stringOption, UsageError, type CliCommand } from '../command';

/** postgres://user:password@host/db → postgres://user:***@host/db */
function redactUrl(spec: string): string {
  return spec.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug'] as const;

function logLevel(v: unknown): (typeof LEVELS)[number] {
  if (v === undefined) return 'info';
  const found = LEVELS.find((l) => l === v);
  if (!found) throw new UsageError(`logLevel must be one of ${LEVELS.join(', ')}`);
  return found;
}

export const command: CliCommand = {
  path: ['backoffice'],
  summary: 'Run the back office service (filings, 秒批, lockers, fleet, 好差评, audit)',
  usage: 'backoffice [--port N] [--host ADDR] [--db sqlite:PATH | postgres://…] [--config FILE.json]',
  details:
    'Prints {"event":"listening","url","api","openapi","console",…}; the staff console is at <url>/console/.\n' +
    'Logs: JSON lines on stdout, one per request; ID numbers, names and pickup codes are masked.',
  options: {
    port: { type: 'string', value: 'N', help: 'TCP port (default 8480; 0 picks a free one)' },
    host: { type: 'string', value: 'ADDR', help: 'Address to listen on (default 127.0.0.1)' },
    db: {
      type: 'string',
      value: 'SPEC',
      help:
        'sqlite:PATH or postgres://user:pass@host/db (several instances may share one PostgreSQL);\n' +
        'default sqlite:<user data dir>/backoffice.db (Linux: ~/.local/share/yizhan)',
    },
    config: {
      type: 'string',
      value: 'FILE.json',
      help:
        '{secret, enrollmentToken, staffUsers?, site?, heartbeatIntervalMs?, verifyUrl?, logger? (false = no logs),\n' +
        'logLevel? (info), citizenData? ({"http":{baseUrl,token?}} | {"simulated":{}}),\n' +
        'ratingForwarding? ({endpoint: {"http":{url,token?}} | {"simulated":{}}}), …}; secrets also from YIZHAN_BACKOFFICE_SECRET / YIZHAN_ENROLLMENT_TOKEN.\n' +
        'With SQLite and no secrets given, they are generated once next to the database file (mode 0600)',
    },
  },
  async run(values, _positionals, signal) {
    const port = intOption(values, 'port', 8480);
    if (port < 0 || port > 65535) throw new UsageError('--port must be 0–65535');
    const host = stringOption(values, 'host') ?? '127.0.0.1';
    const { createBackoffice, openDatabase, defaultSqlitePath, loadOrCreateSecrets } =
      await import('../../../backoffice/index');
    const spec = stringOption(values, 'db') ?? `sqlite:${defaultSqlitePath()}`;
    const isPostgres = /^postgres(ql)?:\/\//.test(spec);
    const configFile = stringOption(values, 'config');
    const fileConfig = configFile
      ? (JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>)
      : {};
    let secret = (fileConfig.secret as string | undefined) ?? process.env.YIZHAN_BACKOFFICE_SECRET;
    let enrollmentToken =
      (fileConfig.enrollmentToken as string | undefined) ?? process.env.YIZHAN_ENROLLMENT_TOKEN;
    let secretsFile: string | undefined;
    if (!secret || !enrollmentToken) {
      if (isPostgres || spec === 'sqlite::memory:') {
        return printJsonError(
          'secretsRequired',
          '多实例/内存数据库需显式提供密钥 / give secret and enrollmentToken via --config or YIZHAN_BACKOFFICE_SECRET + YIZHAN_ENROLLMENT_TOKEN',
        );
      }
      secretsFile = join(dirname(spec.replace(/^sqlite:/, '')), 'backoffice-secrets.json');
      const generated = loadOrCreateSecrets(secretsFile);
      secret ??= generated.secret;
      enrollmentToken ??= generated.enrollmentToken;
    }
    const db = await openDatabase(spec);
    const app = await createBackoffice({
      db,
      config: {
        ...fileConfig,
        secret,
        enrollmentToken,
        // A 24/7 service logs by default (masked); `"logger": false` in the config turns it off.
        logger: fileConfig.logger === false ? false : { level: logLevel(fileConfig.logLevel) },
      },
    });
    // The staff console is served by the same service under /console/: prebuilt beside the bundles,
    // or, from source, built on first start and cached.
    const [{ registerConsole }, { runtimeLayout }] = await Promise.all([
      import('../../../backoffice/console/index'),
      import('../../runtime-layout'),
    ]);
    const { consoleDir } = runtimeLayout();
    void registerConsole(app, consoleDir ? { distDir: consoleDir } : {});
    const url = await app.listen({ host, port });
    printJson({
      event: 'listening',
      url,
      api: `${url}/api/v1`,
      openapi: `${url}/api/v1/openapi.json`,
      console: `${url}/console/`,
      db: redactUrl(spec),
      ...(secretsFile ? { secretsFile } : {}),
    });
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await app.close();
    await db.close();
    printJson({ event: 'stopped' });
    return 0;
  },
};
