// The scanner CLI tests drive real `yizhan` processes with the same helpers as the locker ones.
export { runYizhan, startYizhan, type CliResult, type LongRunning } from './locker-cli';
