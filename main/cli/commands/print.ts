import { samplePath, TEMPLATE_CATALOG } from '../../../print-templates/catalog';
import { UsageError, intOption, printJson, requiredString, stringOption, type CliCommand } from '../command';

const SYNOPSIS =
  'print TEMPLATE --data FILE.json (--out FILE.pdf | --printer QUEUE [--copies N] [--timeout SECONDS] [--key IDEMPOTENCY_KEY] [--spooler cups|windows] [--pdf-helper PATH]) [--json]';

/** The synopsis, then every A4 template with the sample data to start from. */
function usage(): string {
  const a4 = TEMPLATE_CATALOG.filter((t) => t.kind === 'a4');
  const width = Math.max(...a4.map((t) => t.id.length));
  const rows = a4.map(
    (t) =>
      `  ${t.id.padEnd(width)}  ${t.name}\n  ${' '.repeat(width)}  --data ${samplePath(t.id) ?? '(sample not installed)'}`,
  );
  return [
    SYNOPSIS,
    '',
    'TEMPLATE, with its sample data / 模板及示例数据:',
    ...rows,
    '',
    "Receipt slips (受理回执凭条, 取号, …) print on the kiosk's receipt printer through main/printing, not here.",
  ].join('\n');
}

/** SumatraPDF bundled by the Windows installer prints PDFs silently (devices/a4-printer/README.md). */
const DEFAULT_PDF_HELPER = 'C:\\Program Files\\Yizhan\\SumatraPDF.exe';

/**
 * Renders an A4 template and writes it to a file or prints it through the OS spooler (CUPS over
 * IPP on Linux, the PrintManagement cmdlets on Windows), waiting for the job's final state. Exit 0
 * printed/written, 1 print failure or timeout, 2 usage or data validation error.
 */
export const command: CliCommand = {
  path: ['print'],
  summary: 'Render an A4 template to PDF or print it through the spooler / 打印 A4 文书',
  get usage() {
    return usage();
  },
  options: {
    data: {
      type: 'string',
      value: 'FILE.json',
      help: "The document's data, checked against the template (required)",
    },
    out: { type: 'string', value: 'FILE.pdf', help: 'Write the PDF to this file' },
    printer: {
      type: 'string',
      value: 'QUEUE',
      help: 'Print through this spooler queue and wait for the job to finish;\nthe set-up creates the cups-pdf queue PDF (output in ~/PDF)',
    },
    copies: { type: 'string', value: 'N', help: 'Copies, 1–99 (default 1)' },
    timeout: {
      type: 'string',
      value: 'SECONDS',
      help: 'Give up on a print job after this long (default 120)',
    },
    key: {
      type: 'string',
      value: 'KEY',
      help: 'Idempotency key: a job already printed under this key is not printed again',
    },
    spooler: {
      type: 'string',
      value: 'cups|windows',
      help: 'Spooler to print through (default: cups on Linux, windows on Windows)',
    },
    'pdf-helper': {
      type: 'string',
      value: 'PATH',
      help: 'Windows only: the silent PDF printer to hand the file to (default: the bundled SumatraPDF)',
    },
    json: { type: 'boolean', help: 'Print progress and the outcome as JSON lines' },
  },
  async run(values, positionals, signal) {
    const [templateId, ...extra] = positionals;
    if (!templateId || extra.length > 0) throw new UsageError('exactly one TEMPLATE is required');
    const dataPath = requiredString(values, 'data');
    const out = stringOption(values, 'out');
    const queue = stringOption(values, 'printer');
    if (!out === !queue) throw new UsageError('give exactly one of --out FILE.pdf or --printer QUEUE');
    const copies = intOption(values, 'copies', 1);
    if (copies < 1 || copies > 99) throw new UsageError('--copies must be 1..99');
    const timeoutMs = intOption(values, 'timeout', 120) * 1000;
    const spooler = stringOption(values, 'spooler') ?? (process.platform === 'win32' ? 'windows' : 'cups');
    if (spooler !== 'cups' && spooler !== 'windows')
      throw new UsageError('--spooler must be cups or windows');
    const json = values.json === true;
    const say = (text: string, fields: Record<string, unknown>) =>
      json ? printJson(fields) : process.stdout.write(`${text}\n`);
    const fail = (code: number, message: string, fields: Record<string, unknown> = {}) => {
      if (json) printJson({ error: { message, ...fields } });
      else process.stderr.write(`${message}\n`);
      return code;
    };

    const { existsSync, readFileSync, writeFileSync } = await import('node:fs');
    const templates = await import('../../../print-templates/index');
    const template = templates.PDF_TEMPLATES[templateId];
    if (!template) {
      return fail(
        2,
        `未知模板 / unknown template "${templateId}"; available: ${Object.keys(templates.PDF_TEMPLATES).join(', ')}`,
      );
    }
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(dataPath, 'utf8'));
    } catch (err) {
      return fail(
        2,
        `无法读取数据文件 / cannot read ${dataPath}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const fonts = new templates.FontRegistry((p) => (existsSync(p) ? readFileSync(p) : undefined));
    let pdf: Uint8Array;
    try {
      pdf = await templates.renderPdf(template, raw, { fonts });
    } catch (err) {
      if (err instanceof templates.TemplateDataError) return fail(2, err.message, { fields: err.issues });
      if (err instanceof templates.FontMissingError) return fail(1, err.message);
      throw err;
    }

    if (out) {
      writeFileSync(out, pdf);
      say(`已生成 / written ${out} (${pdf.length} bytes)`, { template: templateId, out, bytes: pdf.length });
      return 0;
    }
    return printToQueue(
      pdf,
      {
        queue: queue!,
        copies,
        timeoutMs,
        templateId,
        key: stringOption(values, 'key'),
        spooler,
        pdfHelper: stringOption(values, 'pdf-helper') ?? DEFAULT_PDF_HELPER,
      },
      say,
      fail,
      signal,
    );
  },
};

interface QueueJob {
  queue: string;
  copies: number;
  timeoutMs: number;
  templateId: string;
  key: string | undefined;
  spooler: 'cups' | 'windows';
  pdfHelper: string;
}

async function openSpooler(p: QueueJob) {
  const a4 = await import('../../../devices/a4-printer/index');
  if (p.spooler === 'windows') {
    const { PowerShellProcess } = await import('../../../devices/transports/powershell');
    const shell = new PowerShellProcess({ argsFor: a4.powershellArgs });
    return {
      spooler: new a4.WindowsSpooler(shell, { pdfHelper: p.pdfHelper }),
      close: () => shell.dispose(),
    };
  }
  const { userInfo } = await import('node:os');
  const { cupsIppExchange } = await import('../../../devices/transports/cups');
  return {
    spooler: new a4.CupsSpooler(cupsIppExchange(), userInfo().username),
    close: () => Promise.resolve(),
  };
}

async function printToQueue(
  pdf: Uint8Array,
  p: QueueJob,
  say: (text: string, fields: Record<string, unknown>) => void,
  fail: (code: number, message: string, fields?: Record<string, unknown>) => number,
  signal: AbortSignal,
): Promise<number> {
  const { A4PrinterDriver, isFinalJobState } = await import('../../../devices/a4-printer/index');
  const { silentLogger, DeviceError } = await import('../../../devices/core');
  const { spooler, close } = await openSpooler(p);
  let jobId: string | undefined;
  const log = {
    ...silentLogger,
    info(event: string, fields: Record<string, unknown> = {}) {
      if (event === 'a4.print.submitted') jobId = String(fields.jobId);
      if (event === 'a4.print.submitted')
        say(`已提交 / submitted job ${String(fields.jobId)}`, { event: 'submitted', jobId: fields.jobId });
    },
  };
  const driver = new A4PrinterDriver(
    spooler,
    { deviceId: 'cli-a4', queue: p.queue, jobTimeoutMs: p.timeoutMs, pollMs: 250 },
    log,
  );
  const started = performance.now();
  try {
    return await track();
  } finally {
    await close();
  }

  async function track(): Promise<number> {
    try {
      const outcome = await driver.print(
        pdf,
        { title: p.templateId, copies: p.copies, ...(p.key ? { idempotencyKey: p.key } : {}) },
        signal,
      );
      const ms = Math.round(performance.now() - started);
      say(
        `打印完成 / job ${outcome.jobId} completed${outcome.reused ? ' (already printed, not resubmitted)' : ''} in ${ms} ms`,
        {
          jobId: outcome.jobId,
          state: outcome.state,
          reused: outcome.reused,
          ms,
        },
      );
      return 0;
    } catch (err) {
      if (!(err instanceof DeviceError)) throw err;
      const state = jobId ? await spooler.jobState(jobId).catch(() => undefined) : undefined;
      return fail(
        1,
        `打印失败 / print failed: ${err.code}${err.detail ? ` (${err.detail})` : ''}: ${err.message}`,
        {
          code: err.code,
          detail: err.detail,
          health: driver.status.current.health,
          ...(jobId ? { jobId } : {}),
          ...(state ? { state, final: isFinalJobState(state) } : {}),
        },
      );
    }
  }
}
