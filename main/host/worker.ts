// Entry of the device-host process. Under Electron it is a utilityProcess (process.parentPort);
// under plain Node it is a child_process.fork child (process.send). Same messages either way.
import { createJsonLogger } from '../logging/json-logger';
import { dispatch } from '../ipc/dispatch';
import { ConfigError } from '../config/config-error';
import { loadSiteConfig } from '../device-host/site-config';
import { createHost } from './host';
import { isHostRequest, type HostEvent, type HostMessage } from './messages';

interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const log = createJsonLogger({ component: 'host' });
const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
const post = (m: HostMessage) => (parentPort ? parentPort.postMessage(m) : process.send?.(m));
const onMessage = (l: (m: unknown) => void) =>
  parentPort ? parentPort.on('message', (e) => l(e.data)) : process.on('message', (m) => l(m));

let config;
try {
  config = loadSiteConfig(process.env.YIZHAN_CONFIG);
} catch (err) {
  // A configuration error is the site's, not a bug: its message names the file, the path and what
  // was expected; a stack would only hide that.
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(78);
}
if (!process.env.YIZHAN_CONFIG) log.warn('config.simulatedSite', { reason: 'YIZHAN_CONFIG is not set' });
// Listen before the host is built: a shell may post as soon as it forks us, and a message with no
// listener yet is dropped (the page would wait for its timeout). Early requests wait for the host.
const starting = createHost(config, log, {
  shell: process.env.YIZHAN_SHELL === 'chromium' ? 'chromium' : 'electron',
});
onMessage((m) => {
  if (!isHostRequest(m)) return;
  void starting
    .then((h) => dispatch(m.channel, m.input, h.handlers, log))
    .then((result) => post({ kind: 'response', id: m.id, result }));
});

/** Stops the devices (closing ports, ending simulators) and exits; bounded, so a stuck driver cannot keep us alive. */
const STOP_DEADLINE_MS = 10_000;
let stopping = false;
const shutdown = (reason: string) => {
  if (stopping) return;
  stopping = true;
  log.info('host.stopping', { reason });
  setTimeout(() => {
    log.error('host.stopTimedOut', { afterMs: STOP_DEADLINE_MS });
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  void starting
    .then((h) => h.stop())
    .catch((err: unknown) => log.error('host.stopFailed', { error: String(err) }))
    .finally(() => process.exit(0));
};
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
// A forked host whose shell is gone (killed, crashed) sees its IPC channel close: nobody is left to
// show the page or stop us, so stop rather than run devices and heartbeats for no one.
if (!parentPort && process.send) process.once('disconnect', () => shutdown('shellGone'));

const host = await starting;
// The listener's signature ties `payload` to `channel`; the union type cannot see that by itself.
host.onEvent((channel, payload) => post({ kind: 'event', channel, payload } as HostEvent));
post({ kind: 'ready' });
