// Finds the processes a test started, however deep and whoever their parent is now: every process
// inherits its environment, so a tag variable set on the first one marks all its descendants (a
// forked host, a browser and its helpers, a bash lifeline), even those reparented to init.
import { readdirSync, readFileSync } from 'node:fs';

export interface TaggedProcess {
  pid: number;
  comm: string;
  args: string;
}

/** Live (not zombie) processes whose environment holds `name=value`. Linux /proc; needs the rights to read it. */
export function taggedProcesses(name: string, value: string): TaggedProcess[] {
  const want = Buffer.from(`${name}=${value}\0`);
  const found: TaggedProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state === 'Z' || state === 'X') continue;
      if (!readFileSync(`/proc/${entry}/environ`).includes(want)) continue;
      found.push({
        pid: Number(entry),
        comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
        args: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim(),
      });
    } catch {
      // exited while we looked, or not ours to read
    }
  }
  return found;
}

/** Polls until `check` holds (an event: the processes are gone), or fails after `timeoutMs` naming what is left. */
export async function until<T>(
  probe: () => T,
  check: (v: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (check(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what} after ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
