import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Whether process group `pgid` still has a live member. Zombies do not count: an orphan that already
 * exited stays a zombie until init reaps it, which some inits never do. Linux reads /proc; elsewhere a
 * signal probe answers (zombies included).
 */
export function groupAlive(pgid: number): boolean {
  if (process.platform !== 'linux') {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
    } catch {
      continue; // gone while we looked
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses; fields follow the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once group `pgid` has no live member, or with false after `timeoutMs`. */
async function groupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (groupAlive(pgid)) {
    if (Date.now() >= until) return false;
    await pause(50);
  }
  return true;
}

/**
 * Stops a child that leads its own process group (spawned `detached`): SIGTERM to it, SIGKILL after
 * `graceMs`, then whatever it left in its group (a browser's helpers, a host's socat) is killed too.
 * Resolves once nothing of the group is alive, so its files can be removed without racing a writer.
 */
export async function terminate(child: ChildProcess | undefined, graceMs = 5000): Promise<void> {
  if (!child?.pid) return;
  const pgid = child.pid;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
  if (await groupGone(pgid, graceMs)) return;
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    return; // already gone
  }
  await groupGone(pgid, graceMs);
}
