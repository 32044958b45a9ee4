import { spawn } from 'node:child_process';
import type { Logger } from '../../devices/core';

/**
 * A few lines of bash that outlive the shell: the shell tells it which process groups and folders it
 * owns, and when the shell dies without saying goodbye (SIGKILL, a native crash, an exit from an
 * uncaught error) it ends those groups and removes those folders. On a clean stop the shell does both
 * itself and then says "exit". Detached, so a terminal's Ctrl+C or hang-up reaches only the shell.
 */
const SCRIPT = `
declare -A groups=() dirs=()
while IFS=' ' read -r verb arg; do
  case "$verb" in
    group) groups[$arg]=1 ;;
    forget) unset "groups[$arg]" ;;
    dir) dirs[$arg]=1 ;;
    undir) unset "dirs[$arg]" ;;
    exit) exit 0 ;;
  esac
done
# stdin closed without "exit": the shell is gone.
live() { ps -eo pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^[ZX]/ { found = 1 } END { exit !found }'; }
wait_gone() {
  for _ in $(seq 50); do
    local any=0
    for g in "\${!groups[@]}"; do live "$g" && any=1; done
    [ "$any" = 0 ] && return 0
    sleep 0.1
  done
  return 1
}
for g in "\${!groups[@]}"; do kill -TERM -- "-$g" 2>/dev/null; done
wait_gone || { for g in "\${!groups[@]}"; do kill -KILL -- "-$g" 2>/dev/null; done; wait_gone; }
for d in "\${!dirs[@]}"; do rm -rf -- "$d"; done
`;

export interface Lifeline {
  /** Ends process group `pgid` if the shell dies before calling `forgetGroup`. */
  guardGroup(pgid: number): void;
  forgetGroup(pgid: number): void;
  /** Removes `dir` if the shell dies before calling `forgetDir`. */
  guardDir(dir: string): void;
  forgetDir(dir: string): void;
  /** Clean stop: everything was ended and removed by the shell; the lifeline exits doing nothing. */
  close(): Promise<void>;
}

export function startLifeline(log: Logger): Lifeline {
  const child = spawn('bash', ['-c', SCRIPT], { detached: true, stdio: ['pipe', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (err) => log.warn('lifeline.unavailable', { error: err.message }));
  // Neither the process nor its pipe may keep the shell's event loop alive.
  child.unref();
  child.stdin.on('error', () => undefined);
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  const say = (line: string) => {
    if (child.stdin.writable) child.stdin.write(`${line}\n`);
  };
  return {
    guardGroup: (pgid) => say(`group ${pgid}`),
    forgetGroup: (pgid) => say(`forget ${pgid}`),
    guardDir: (dir) => say(`dir ${dir}`),
    forgetDir: (dir) => say(`undir ${dir}`),
    async close() {
      say('exit');
      child.stdin.end();
      // Waited for, so no lifeline is left when the shell exits; bounded, should bash not answer.
      child.ref();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 2000)))]);
      clearTimeout(timer);
    },
  };
}
