// The host's end of `yizhan diag`: a unix socket (0600 in a 0700 directory of the data dir), so only
// the kiosk's own user on the machine itself can reach it. Each connection is one technician console
// (`cli`): JSON lines `{id, channel, input}` answered by `{id, result}`, the same `diag:*` channels
// and checks as the page. A technician whose connection drops is let out (service resumes).
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { dispatch } from '../ipc/dispatch';
import type { Handlers } from '../ipc/dispatch';
import { diagnosticsHandlers } from './channels';
import type { Diagnostics } from './index';

export const diagSocket = (dataDir: string): string => path.join(dataDir, 'diag', 'control.sock');

export interface DiagSocketMessage {
  id: number;
  channel: string;
  input?: unknown;
}

export async function startDiagSocket(
  d: Diagnostics,
  dataDir: string,
): Promise<{ path: string; close(): Promise<void> }> {
  const socketPath = diagSocket(dataDir);
  mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 });
  chmodSync(path.dirname(socketPath), 0o700);
  rmSync(socketPath, { force: true });
  const sockets = new Set<Socket>();
  // Every console hears the mode change (waiting → active) and what a running self-test asks.
  const offs = (['diag:mode', 'diag:selfTest', 'diag:operator'] as const).map((event) =>
    d.events.on(event, (payload) => {
      for (const s of sockets) if (s.writable) s.write(`${JSON.stringify({ event, payload })}\n`);
    }),
  );
  const server = createServer((socket) => {
    sockets.add(socket);
    const handlers = diagnosticsHandlers(d, 'cli') as unknown as Handlers;
    let mine = false;
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      // Only the console that entered is let out when its connection ends.
      if (mine && (d.mode.isActive('cli') || d.mode.view().phase === 'waiting')) d.mode.exit();
    });
    createInterface({ input: socket }).on('line', (line) => {
      let m: DiagSocketMessage;
      try {
        m = JSON.parse(line) as DiagSocketMessage;
      } catch {
        return void socket.write(
          `${JSON.stringify({ id: null, result: { ok: false, error: { code: 'invalidArgument', message: 'not JSON' } } })}\n`,
        );
      }
      if (!String(m.channel).startsWith('diag:'))
        return void socket.write(
          `${JSON.stringify({ id: m.id, result: { ok: false, error: { code: 'forbidden', message: 'diagnostics channels only' } } })}\n`,
        );
      void dispatch(m.channel, m.input ?? {}, handlers, d.log).then((result) => {
        if (m.channel === 'diag:pin' && result.ok) mine = true;
        if (socket.writable) socket.write(`${JSON.stringify({ id: m.id, result })}\n`);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        for (const off of offs) off();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
        rmSync(socketPath, { force: true });
      }),
  };
}
