import type { ChildProcess } from 'node:child_process';

/** Asks a child to exit (SIGTERM), escalating to SIGKILL after `graceMs`; resolves once it is gone. */
export async function terminate(child: ChildProcess | undefined, graceMs = 5000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
