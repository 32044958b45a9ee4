import { describe, expect, it } from 'vitest';
import {
  cancelScript,
  documentFileName,
  jobScript,
  jobStateFromStatus,
  parseJobs,
  parsePrinter,
  powershellArgs,
  psQuote,
  submitScript,
} from './windows';

// Output samples in the shape PowerShell 5.1 prints for these pipelines (ConvertTo-Json -Compress
// over Select-Object with JobStatus/PrinterStatus converted by ToString()). Written from the
// PrintManagement documentation; not captured on a Windows machine in this repository.
const JOBS_TWO =
  '[{"Id":12,"DocumentName":"参保证明 [k-1].pdf","JobStatus":"Printing, Retained"},{"Id":13,"DocumentName":"回执.pdf","JobStatus":"Normal"}]';
const JOBS_ONE = '{"Id":12,"DocumentName":"参保证明 [k-1].pdf","JobStatus":"Printed, Retained"}';
const PRINTER_PAPER_OUT = '{"Name":"HP LaserJet","PrinterStatus":"PaperOut","JobCount":1}';
const PRINTER_PAUSED = '{"Name":"HP LaserJet","PrinterStatus":"Paused","JobCount":0}';
const PRINTER_NORMAL = '{"Name":"HP LaserJet","PrinterStatus":"Normal","JobCount":0}';

describe('Windows spooler codec', () => {
  it('quotes PowerShell literals so queue names cannot break out of the script', () => {
    expect(psQuote("O'Brien's printer")).toBe("'O''Brien''s printer'");
    expect(cancelScript("a'; Remove-Item C:\\ -Recurse; '", 3)).toContain(
      "-PrinterName 'a''; Remove-Item C:\\ -Recurse; ''' -ID 3",
    );
  });

  it('builds the job query and the print-helper command line', () => {
    expect(jobScript('HP LaserJet', 12)).toContain(
      "Get-PrintJob -PrinterName 'HP LaserJet' -ID 12 -ErrorAction SilentlyContinue",
    );
    const s = submitScript({
      helper: 'C:\\Yizhan\\SumatraPDF.exe',
      queue: 'HP LaserJet',
      file: 'C:\\t\\a.pdf',
      copies: 2,
    });
    expect(s).toContain("Start-Process -FilePath 'C:\\Yizhan\\SumatraPDF.exe'");
    expect(s).toContain(`'"-print-to"', '"HP LaserJet"', '"-print-settings"', '"2x"', '"-silent"'`);
  });

  it('encodes the script as UTF-16LE base64 for -EncodedCommand', () => {
    const args = powershellArgs('echo 证明');
    expect(args.slice(0, 5)).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
    ]);
    expect(Buffer.from(args[5]!, 'base64').toString('utf16le')).toBe('echo 证明');
  });

  it('makes a safe document file name', () => {
    expect(documentFileName('证明: a/b [k1]')).toBe('证明_ a_b [k1].pdf');
  });

  it('maps JobStatus flags to job states, strongest flag first', () => {
    expect(jobStateFromStatus('Normal')).toBe('pending');
    expect(jobStateFromStatus('Spooling')).toBe('processing');
    expect(jobStateFromStatus('Printing, Retained')).toBe('processing');
    expect(jobStateFromStatus('Paused')).toBe('held');
    expect(jobStateFromStatus('Error, Printing')).toBe('stopped');
    expect(jobStateFromStatus('PaperOut')).toBe('stopped');
    expect(jobStateFromStatus('Printed, Retained')).toBe('completed');
    expect(jobStateFromStatus('Error, Deleting')).toBe('canceled');
  });

  it('parses job lists, including the single-object form and empty output', () => {
    expect(parseJobs(JOBS_TWO, 'HP')).toEqual([
      { jobId: 'HP-12', name: '参保证明 [k-1].pdf', state: 'processing' },
      { jobId: 'HP-13', name: '回执.pdf', state: 'pending' },
    ]);
    expect(parseJobs(JOBS_ONE, 'HP')).toEqual([
      { jobId: 'HP-12', name: '参保证明 [k-1].pdf', state: 'completed' },
    ]);
    expect(parseJobs('', 'HP')).toEqual([]);
    expect(() => parseJobs('Get-PrintJob : The term is not recognized', 'HP')).toThrow(/not JSON/);
  });

  it('parses printer status into queue state with IPP-style reasons', () => {
    expect(parsePrinter(PRINTER_PAPER_OUT, 'HP')).toMatchObject({
      enabled: true,
      accepting: true,
      reasons: ['media-empty'],
    });
    expect(parsePrinter(PRINTER_PAUSED, 'HP')).toMatchObject({
      enabled: false,
      state: 'stopped',
      reasons: ['paused'],
    });
    expect(parsePrinter(PRINTER_NORMAL, 'HP')).toMatchObject({ enabled: true, state: 'idle', reasons: [] });
  });
});
