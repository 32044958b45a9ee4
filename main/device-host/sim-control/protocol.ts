// `yizhan sim control`: requests to the simulated devices of a running `yizhan start`, one JSON line
// each way over a unix socket in the kiosk's data dir. Pure: the CLI and the host share it.
import path from 'node:path';
import { z } from 'zod';

/** The socket lives in its own 0700 directory of the data dir; the socket itself is 0600. */
export const simControlSocket = (dataDir: string): string => path.join(dataDir, 'sim', 'control.sock');

const board = z.number().int().min(0).max(32);
const door = z.number().int().min(1).max(24);

export const SimControlRequest = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('status') }).strict(),
  /** `card`: a sample card name; `cardData`: a card file's contents (the JSON `device idcard read --reveal` prints). */
  z
    .object({
      verb: z.literal('idcard.place'),
      card: z.string().optional(),
      cardData: z.unknown().optional(),
    })
    .strict(),
  z.object({ verb: z.literal('idcard.remove') }).strict(),
  /** `card`: a sample card profile name; `profile`: a card profile's contents. */
  z
    .object({ verb: z.literal('card.insert'), card: z.string().optional(), profile: z.unknown().optional() })
    .strict(),
  z.object({ verb: z.literal('card.remove') }).strict(),
  z.object({ verb: z.literal('scan'), text: z.string().min(1).max(4096) }).strict(),
  z.object({ verb: z.literal('receipt.take') }).strict(),
  z.object({ verb: z.literal('receipt.last'), count: z.number().int().min(1).max(20).default(1) }).strict(),
  z
    .object({
      verb: z.literal('paper'),
      printer: z.enum(['receipt', 'a4']).default('receipt'),
      state: z.enum(['ok', 'low', 'out']),
    })
    .strict(),
  z.object({ verb: z.literal('cover'), state: z.enum(['open', 'closed']) }).strict(),
  z
    .object({
      verb: z.literal('locker'),
      action: z.enum(['jam', 'free', 'close', 'force', 'item', 'empty']),
      board,
      door,
    })
    .strict(),
  /** `device`: a role name (idCard, receiptPrinter, …) or a device id. */
  z.object({ verb: z.literal('unplug'), device: z.string().min(1) }).strict(),
  z.object({ verb: z.literal('replug'), device: z.string().min(1) }).strict(),
]);
export type SimControlRequest = z.input<typeof SimControlRequest>;
/** A request as the host acts on it (defaults filled in). */
export type SimControlCommand = z.output<typeof SimControlRequest>;

export type SimControlResponse =
  { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

/** Turns CLI words into a request; throws with a usable message on anything else. */
export function parseControlWords(
  words: readonly string[],
  extra: { file?: unknown; printer?: string } = {},
): SimControlRequest {
  const [verb, a, b, c, ...rest] = words;
  const int = (s: string | undefined, what: string): number => {
    if (s === undefined || !/^\d+$/.test(s)) throw new Error(`${what} must be a number, got "${s ?? ''}"`);
    return Number(s);
  };
  const none = (...w: (string | undefined)[]) => {
    if (w.some((x) => x !== undefined) || rest.length) throw new Error(`too many words after "${verb}"`);
  };
  switch (verb) {
    case 'status':
      none(a);
      return { verb: 'status' };
    case 'idcard':
      if (a === 'place') {
        none(c);
        return {
          verb: 'idcard.place',
          ...(b ? { card: b } : {}),
          ...(extra.file ? { cardData: extra.file } : {}),
        };
      }
      if (a === 'remove') return (none(b), { verb: 'idcard.remove' });
      throw new Error('idcard takes "place [SAMPLE]" or "remove"');
    case 'card':
      if (a === 'insert') {
        none(c);
        return {
          verb: 'card.insert',
          ...(b ? { card: b } : {}),
          ...(extra.file ? { profile: extra.file } : {}),
        };
      }
      if (a === 'remove') return (none(b), { verb: 'card.remove' });
      throw new Error('card takes "insert [SAMPLE]" or "remove"');
    case 'scan':
      if (!a) throw new Error('scan needs the text of the code');
      return { verb: 'scan', text: words.slice(1).join(' ') };
    case 'receipt':
      if (a === 'take') return (none(b), { verb: 'receipt.take' });
      if (a === 'last') return (none(c), { verb: 'receipt.last', count: b ? int(b, 'N') : 1 });
      throw new Error('receipt takes "take" or "last [N]"');
    case 'paper':
      if (a !== 'out' && a !== 'low' && a !== 'ok') throw new Error('paper takes out, low or ok');
      none(b);
      if (extra.printer === undefined || extra.printer === 'receipt' || extra.printer === 'a4')
        return { verb: 'paper', state: a, printer: extra.printer ?? 'receipt' };
      throw new Error('--printer must be receipt or a4');
    case 'cover':
      if (a !== 'open' && a !== 'closed') throw new Error('cover takes open or closed');
      return (none(b), { verb: 'cover', state: a });
    case 'locker': {
      const actions = ['jam', 'free', 'close', 'force', 'item', 'empty'] as const;
      const action = actions.find((x) => x === a);
      if (!action) throw new Error(`locker takes ${actions.join('|')} BOARD DOOR`);
      none(c === undefined ? undefined : rest[0]);
      return { verb: 'locker', action, board: int(b, 'BOARD'), door: int(c, 'DOOR') };
    }
    case 'unplug':
    case 'replug':
      if (!a) throw new Error(`${verb} needs a role (idCard, receiptPrinter, …) or a device id`);
      return (none(b), { verb, device: a });
    case undefined:
    default:
      throw new Error(`unknown verb "${verb ?? ''}"`);
  }
}
