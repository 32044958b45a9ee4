import path from 'node:path';
import type { Logger } from '../../devices/core';

/**
 * The back office embedded in the kiosk when none is configured (a single terminal, a lab, a demo
 * hall): SQLite in the kiosk's data directory, on loopback, with secrets generated once next to it.
 * The kiosk registers itself with the site enrollment token, like a kiosk of a real hall would.
 */
export async function startEmbeddedBackoffice(o: {
  dataDir: string;
  kioskId: string;
  log: Logger;
  /** A shipped console build (out/console of a package); without it the console is built with Vite into the data dir. */
  consoleDistDir?: string;
}): Promise<{ url: string; credential: string; stop(): Promise<void> }> {
  const { createBackoffice, openDatabase, loadOrCreateSecrets } = await import('../../backoffice/index');
  const dbFile = path.join(o.dataDir, 'backoffice.db');
  const secrets = loadOrCreateSecrets(path.join(o.dataDir, 'backoffice-secrets.json'));
  const db = await openDatabase(`sqlite:${dbFile}`);
  const app = await createBackoffice({ db, config: { ...secrets } });
  // Hall staff use the same console as with a central back office, at <url>/console/.
  const { registerConsole } = await import('../../backoffice/console/index');
  void registerConsole(
    app,
    o.consoleDistDir ? { distDir: o.consoleDistDir } : { cacheDir: path.join(o.dataDir, 'console-build') },
  );
  // The service origin: clients add the /api/v1 prefix themselves.
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const res = await fetch(`${url}/api/v1/kiosks/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-enrollment-token': secrets.enrollmentToken },
    body: JSON.stringify({ kioskId: o.kioskId, name: o.kioskId, site: 'embedded' }),
  });
  const body = (await res.json()) as { credential?: string; error?: { code: string } };
  if (!res.ok || !body.credential)
    throw new Error(`embedded back office refused kiosk registration: ${body.error?.code ?? res.status}`);
  o.log.info('backoffice.embedded', { url, db: dbFile });
  return {
    url,
    credential: body.credential,
    async stop() {
      await app.close();
      await db.close();
    },
  };
}
