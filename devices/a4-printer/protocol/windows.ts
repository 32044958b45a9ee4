/**
 * Windows print spooler through PowerShell's PrintManagement module (Get-Printer, Get-PrintJob,
 * Remove-PrintJob): pure script builders and output parsers. PDFs are handed to a PDF print helper
 * (SumatraPDF's documented `-print-to <printer> -silent` command line), because Windows itself has
 * no PDF renderer on the command line and Out-Printer only prints text.
 */
import { formatJobId, type JobState, type JobSummary, type QueueState } from './spooler-types';

/** PowerShell single-quoted literal: only ' needs escaping, as ''. */
export const psQuote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Every script prints UTF-8 (document names are Chinese) and stops on the first error. */
const PREAMBLE = "$ErrorActionPreference = 'Stop'; [Console]::OutputEncoding = [Text.Encoding]::UTF8; ";

const JOB_FIELDS = "Id, DocumentName, @{n='JobStatus';e={$_.JobStatus.ToString()}}";

/** powershell.exe arguments for a script, passed as -EncodedCommand (base64 of UTF-16LE) to avoid quoting. */
export function powershellArgs(script: string): string[] {
  let binary = '';
  for (let i = 0; i < script.length; i++) {
    const c = script.charCodeAt(i);
    binary += String.fromCharCode(c & 0xff, c >> 8);
  }
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', btoa(binary)];
}

/** A file name Windows accepts and the spooler shows as the document name. */
export function documentFileName(jobName: string): string {
  const safe = [...jobName]
    .map((c) => (c.charCodeAt(0) < 0x20 || '<>:"/\\|?*'.includes(c) ? '_' : c))
    .join('');
  return `${safe.slice(0, 120)}.pdf`;
}

export function submitScript(p: { helper: string; queue: string; file: string; copies: number }): string {
  const args = [
    '-print-to',
    p.queue,
    '-print-settings',
    `${p.copies}x`,
    '-silent',
    '-exit-when-done',
    p.file,
  ];
  return (
    PREAMBLE +
    `$p = Start-Process -FilePath ${psQuote(p.helper)} -ArgumentList @(${args.map((a) => psQuote(`"${a}"`)).join(', ')}) -PassThru -Wait -WindowStyle Hidden; ` +
    `if ($p.ExitCode -ne 0) { throw "print helper exited with $($p.ExitCode)" }`
  );
}

export function jobsScript(queue: string): string {
  return (
    PREAMBLE +
    `ConvertTo-Json -Compress -InputObject @(Get-PrintJob -PrinterName ${psQuote(queue)} | Select-Object ${JOB_FIELDS})`
  );
}

export function jobScript(queue: string, id: number): string {
  return (
    PREAMBLE +
    `ConvertTo-Json -Compress -InputObject @(Get-PrintJob -PrinterName ${psQuote(queue)} -ID ${id} -ErrorAction SilentlyContinue | Select-Object ${JOB_FIELDS})`
  );
}

export function cancelScript(queue: string, id: number): string {
  return PREAMBLE + `Remove-PrintJob -PrinterName ${psQuote(queue)} -ID ${id}`;
}

export function printerScript(queue: string): string {
  return (
    PREAMBLE +
    `Get-Printer -Name ${psQuote(queue)} | Select-Object Name, @{n='PrinterStatus';e={$_.PrinterStatus.ToString()}}, JobCount | ConvertTo-Json -Compress`
  );
}

interface RawJob {
  Id?: unknown;
  DocumentName?: unknown;
  JobStatus?: unknown;
}

/** JobStatus is a flags enum printed as "Printing, Retained"; the strongest flag wins. */
export function jobStateFromStatus(status: string): JobState {
  const flags = new Set(
    status
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean),
  );
  const any = (...names: string[]) => names.some((n) => flags.has(n));
  if (any('Deleted', 'Deleting')) return 'canceled';
  if (any('Printed', 'Completed')) return 'completed';
  if (any('Error', 'Offline', 'PaperOut', 'Blocked', 'UserIntervention')) return 'stopped';
  if (any('Paused')) return 'held';
  if (any('Printing', 'Spooling', 'Restarted')) return 'processing';
  return 'pending';
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function parseJson(stdout: string): unknown {
  const text = stdout.trim();
  if (text === '') return [];
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`PowerShell printed something that is not JSON: ${text.slice(0, 80)}`);
  }
}

/** Parses `jobsScript`/`jobScript` output (a JSON array, or an object when PowerShell unrolls one). */
export function parseJobs(stdout: string, queue: string): JobSummary[] {
  const raw = parseJson(stdout);
  const list = (Array.isArray(raw) ? raw : [raw]) as RawJob[];
  return list.flatMap((j) =>
    typeof j?.Id === 'number'
      ? [
          {
            jobId: formatJobId(queue, j.Id),
            name: str(j.DocumentName),
            state: jobStateFromStatus(str(j.JobStatus)),
          },
        ]
      : [],
  );
}

const PRINTER_REASONS: Record<string, string> = {
  Paused: 'paused',
  Offline: 'offline',
  PaperOut: 'media-empty',
  PaperJam: 'media-jam',
  PaperProblem: 'media-needed',
  TonerLow: 'toner-low',
  NoToner: 'toner-empty',
  DoorOpen: 'door-open',
  OutputBinFull: 'output-area-full',
  UserIntervention: 'other',
  Error: 'other',
  NotAvailable: 'offline',
  ServerUnknown: 'offline',
};

/** Parses `printerScript` output into the spooler's queue state. */
export function parsePrinter(stdout: string, queue: string): QueueState {
  const raw = parseJson(stdout) as { PrinterStatus?: unknown } | unknown[];
  if (Array.isArray(raw)) throw new Error(`printer ${queue} not found`);
  const flags = (str(raw.PrinterStatus) || 'Normal').split(',').map((f) => f.trim());
  const reasons = [...new Set(flags.flatMap((f) => (PRINTER_REASONS[f] ? [PRINTER_REASONS[f]] : [])))];
  const paused = flags.includes('Paused');
  return {
    queue,
    accepting: !flags.includes('PendingDeletion') && !flags.includes('NotAvailable'),
    enabled: !paused && !flags.includes('Offline'),
    state: paused
      ? 'stopped'
      : flags.some((f) => ['Printing', 'Processing', 'Busy', 'IOActive'].includes(f))
        ? 'processing'
        : 'idle',
    reasons,
    message: flags.join(', '),
  };
}
