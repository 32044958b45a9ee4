/**
 * Receipt (ESC/POS) templates: zod-validated data → a ReceiptDocument that devices/escpos-printer
 * lays out for the printer's paper width and encodes. Pure like the A4 templates: no clock, no I/O;
 * times print through domain/time in the site's zone, wording in the session's language.
 */
import { z } from 'zod';
import { receipt, type ReceiptBlock, type ReceiptDocument } from '../../devices/escpos-printer';
import { DEFAULT_TIME_ZONE, formatDateTime, type TimeLocale } from '../../domain/time';
import { isoDateTime, text } from './schema';
import { parseTemplateData } from './validate';

export interface ReceiptContext {
  /** IANA zone every time is printed in; Asia/Shanghai unless the site configures another. */
  timeZone: string;
  /** The citizen's language for the slip's own wording (data prints as given). */
  locale: TimeLocale;
}

export interface ReceiptTemplate<Schema extends z.ZodType = z.ZodType> {
  id: string;
  /** Chinese name shown in menus and logs, e.g. 排队取号. */
  name: string;
  paper: 'receipt';
  schema: Schema;
  build(data: z.output<Schema>, ctx: ReceiptContext): ReceiptDocument;
}

export function defineReceiptTemplate<Schema extends z.ZodType>(
  t: ReceiptTemplate<Schema>,
): ReceiptTemplate<Schema> {
  return t;
}

/** Validates `raw` (TemplateDataError lists every bad field) and builds the receipt document. */
export function renderReceipt<S extends z.ZodType>(
  template: ReceiptTemplate<S>,
  raw: unknown,
  ctx: Partial<ReceiptContext> = {},
): ReceiptDocument {
  const data = parseTemplateData(template, raw);
  return template.build(data, { timeZone: ctx.timeZone ?? DEFAULT_TIME_ZONE, locale: ctx.locale ?? 'zh-CN' });
}

/** Wording of a slip in both languages, one key set. */
export type Wording<K extends string> = Readonly<Record<TimeLocale, Readonly<Record<K, string>>>>;

/** Where and when a slip was printed: on every slip, for the citizen who comes back with it. */
export const slipBase = {
  hall: z.object({
    /** 朝阳区政务服务中心 24小时自助服务厅 */
    name: text(40),
    /** The terminal as the hall labels it, e.g. 3号自助终端. */
    terminal: text(30),
  }),
  printedAt: isoDateTime,
};

export interface SlipBase {
  hall: { name: string; terminal: string };
  printedAt: string;
}

const FOOTER: Wording<'printedAt' | 'terminal'> = {
  'zh-CN': { printedAt: '打印时间', terminal: '终端' },
  en: { printedAt: 'Printed', terminal: 'Terminal' },
};

/** Title, the hall's name, a double rule. */
export function slipHeader(title: string, d: SlipBase): ReceiptBlock[] {
  return [receipt.title(title), receipt.text(d.hall.name, { align: 'center' }), receipt.rule('double')];
}

/** Notes, when and where it was printed, then feed and cut. */
export function slipFooter(d: SlipBase, ctx: ReceiptContext, notes: readonly string[] = []): ReceiptBlock[] {
  const w = FOOTER[ctx.locale];
  return [
    receipt.rule(),
    ...notes.map((n) => receipt.text(n)),
    ...(notes.length > 0 ? [receipt.rule()] : []),
    receipt.keyValue(w.printedAt, formatDateTime(d.printedAt, ctx)),
    receipt.keyValue(w.terminal, d.hall.terminal),
    receipt.feed(3),
    receipt.cut(),
  ];
}

/** A queue number in the largest print the document model has, with room around it. */
export function queueNumber(number: string): ReceiptBlock[] {
  return [
    receipt.feed(1),
    receipt.text(number, { align: 'center', bold: true, doubleWidth: true, doubleHeight: true }),
    receipt.feed(1),
  ];
}

/** Label/value rows, skipping values the data does not have. */
export function rows(pairs: readonly (readonly [string, string | undefined])[]): ReceiptBlock[] {
  return pairs.flatMap(([k, v]) => (v === undefined ? [] : [receipt.keyValue(k, v)]));
}
