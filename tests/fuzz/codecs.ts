// Every codec the terminal decodes untrusted bytes with, as a fuzz target (issue #12): the decoder,
// the error classes it may reject with (anything else thrown is a crash), the invariants a result
// must keep, and valid frames to mutate. Used by tests/fuzz/codecs.test.ts (a short seeded run in CI)
// and scripts/fuzz.mjs (the long run).
import fc from 'fast-check';
import {
  attr,
  decodeResponse,
  encodeRequest,
  GROUP,
  IppDecodeError,
  OPERATION,
  TAG,
} from '../../devices/a4-printer/protocol/ipp';
import type { DecodeResult } from '../../devices/core';
import {
  decodeAsb,
  decodeRealtime,
  isAsbHeader,
  isRealtimeReply,
  PROFILES,
} from '../../devices/escpos-printer/protocol';
import { buildReadBaseCommand, parseCommand } from '../../devices/id-card-reader/protocol/commands';
import { decodeFrame } from '../../devices/id-card-reader/protocol/frame';
import {
  buildExtraAddressResponse,
  buildResponse,
  parseCardBlocks,
  parseResponse,
} from '../../devices/id-card-reader/protocol/replies';
import { decodeExtraAddress, decodeTextBlock } from '../../devices/id-card-reader/protocol/text';
import { createLockerProtocol, type LockerRequest } from '../../devices/locker-board/protocol';
import {
  decodeCommandApdu,
  decodeResponseApdu,
  encodeApdu,
  encodeResponseApdu,
} from '../../devices/pcsc-reader/protocol/apdu';
import {
  GpoFormatError,
  parseAfl,
  parseApplicationFci,
  parseDirectory,
  parseGpoResponse,
} from '../../devices/pcsc-reader/protocol/bank';
import { parseDol } from '../../devices/pcsc-reader/protocol/dol';
import { encodeTlv, parseTlv, TlvError } from '../../devices/pcsc-reader/protocol/tlv';
import { decodeVpcdMessage, encodeVpcdMessage } from '../../devices/pcsc-reader/protocol/vpcd';
import {
  buildHidPosReports,
  decodeGm65Command,
  decodeGm65Reply,
  decodeScan,
  encodeGm65Reply,
  encodeScanText,
  HONEYWELL_REPORT_02,
  parseHidPosReport,
} from '../../devices/scanner/protocol';
import { chipExtraAddress, chipTextBlock } from '../../devices/id-card-reader/simulator/chip-text';

type ErrorClass = abstract new (...args: never[]) => Error;

export interface FuzzTarget {
  name: string;
  /** Decodes one frame; throws only one of `rejects`. Returns a problem text when an invariant breaks. */
  run(bytes: Uint8Array): string | undefined;
  /** The typed errors a rejection may be; empty when the codec reports rejections as values. */
  rejects: readonly ErrorClass[];
  /** Valid frames, mutated by the fuzzer. */
  seeds: readonly Uint8Array[];
}

/** A framed decoder must make progress and never claim more bytes than it was given. */
function framed<F>(r: DecodeResult<F>, length: number): string | undefined {
  if (r.kind === 'need-more') return undefined;
  if (!(r.consumed >= 1 && r.consumed <= length)) return `consumed ${r.consumed} of ${length}`;
  return undefined;
}

const u8 = (...b: number[]) => Uint8Array.from(b);
const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s/g, ''), 'hex'));

const resident = chipTextBlock({
  cardType: 'resident',
  name: '张三',
  gender: 'male',
  nationCode: '01',
  birthDate: '1949-12-31',
  address: '北京市朝阳区示例路1号',
  idNumber: '11010519491231002X',
  authority: '北京市公安局朝阳分局',
  validFrom: '2015-06-01',
  validTo: '长期',
});

const lockerRequests: LockerRequest[] = [
  { kind: 'unlock', board: 1, door: 3 },
  { kind: 'boardStatus', board: 1 },
  { kind: 'doorStatus', board: 2, door: 5 },
  { kind: 'busStatus' },
];

function lockerTarget(name: '8a' | 'cu'): FuzzTarget {
  const p = createLockerProtocol(name);
  const requests = lockerRequests.filter((r) => p.supports(r.kind));
  return {
    name: `locker ${name} replies and requests`,
    rejects: [],
    seeds: requests.map((r) => p.encodeRequest(r)),
    run(bytes) {
      for (const req of requests) {
        const problem = framed(p.decodeReply(req, bytes), bytes.length);
        if (problem) return `${req.kind}: ${problem}`;
      }
      return framed(p.decodeRequest(bytes), bytes.length);
    },
  };
}

const escposBits = PROFILES.kp628.statusBits;

export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'ID card SAM frames',
    rejects: [],
    seeds: [
      buildReadBaseCommand(),
      buildResponse(0x90, resident),
      buildExtraAddressResponse(chipExtraAddress('北京')),
    ],
    run(bytes) {
      const r = decodeFrame(bytes);
      if (r.kind === 'frame') {
        parseCommand(r.frame);
        const res = parseResponse(r.frame);
        if (res) {
          parseCardBlocks(res.data, false);
          parseCardBlocks(res.data, true);
        }
      }
      return framed(r, bytes.length);
    },
  },
  {
    name: 'ID card text block and extra address',
    rejects: [],
    seeds: [resident, chipExtraAddress('北京市海淀区示例大街3号')],
    run(bytes) {
      const block = new Uint8Array(256);
      block.set(bytes.subarray(0, 256));
      decodeTextBlock(block);
      decodeTextBlock(bytes);
      decodeExtraAddress(bytes);
      return undefined;
    },
  },
  {
    name: 'ESC/POS real-time status and ASB',
    rejects: [],
    seeds: [u8(0x12, 0x12, 0x12, 0x12), u8(0x10, 0x00, 0x00, 0x00), u8(0x1a, 0x76, 0x5a, 0x7e)],
    run(bytes) {
      const b = [...bytes, 0, 0, 0, 0];
      for (const x of bytes.subarray(0, 4)) {
        isRealtimeReply(x, escposBits.replyMask);
        isAsbHeader(x, escposBits.replyMask);
      }
      const status = decodeRealtime({ 1: b[0]!, 2: b[1]!, 3: b[2]!, 4: b[3]! }, escposBits);
      const asb = decodeAsb([b[0]!, b[1]!, b[2]!, b[3]!]);
      for (const v of [...Object.values(status), ...Object.values(asb)])
        if (typeof v !== 'boolean') return `condition ${String(v)} is not a boolean`;
      return undefined;
    },
  },
  lockerTarget('8a'),
  lockerTarget('cu'),
  {
    name: 'scanner GM65 frames',
    rejects: [],
    seeds: [encodeGm65Reply([0x01]), hex('7e 00 08 01 00 0d ab cd'), hex('02 00 00 01 00 33 31')],
    run: (bytes) =>
      framed(decodeGm65Reply(bytes), bytes.length) ?? framed(decodeGm65Command(bytes), bytes.length),
  },
  {
    name: 'scanner scan data and HID POS reports',
    rejects: [],
    seeds: [
      encodeScanText(']Q1https://网证.example/信息', 'gbk'),
      encodeScanText(']C0123456789\r\n', 'utf8'),
      ...buildHidPosReports(encodeScanText('网证二维码', 'utf8'), ']Q1', HONEYWELL_REPORT_02),
    ],
    run(bytes) {
      for (const aimPrefix of [true, false]) {
        const scan = decodeScan(bytes, { aimPrefix });
        if (typeof scan.text !== 'string') return 'scan text is not a string';
      }
      parseHidPosReport(bytes, HONEYWELL_REPORT_02);
      return undefined;
    },
  },
  {
    name: 'APDU, BER-TLV, DOL and EMV records',
    rejects: [TlvError, GpoFormatError, RangeError],
    seeds: [
      encodeApdu({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x00, data: hex('a0000003330101'), le: 0 }),
      encodeResponseApdu(encodeTlv('6F', encodeTlv('84', hex('a0000003330101'))), 0x9000),
      hex('77 0e 82 02 1c 00 94 08 08 01 01 00 10 01 03 00'),
      hex('9f02 06 9f37 04 5f2a 02'),
    ],
    run(bytes) {
      decodeCommandApdu(bytes);
      const steps: (() => unknown)[] = [
        () => decodeResponseApdu(bytes),
        () => parseDirectory(parseTlv(bytes)),
        () => parseApplicationFci(bytes),
        () => parseGpoResponse(bytes),
        () => parseAfl(bytes),
        () => parseDol(bytes),
      ];
      for (const step of steps) {
        try {
          step();
        } catch (e) {
          if (!(e instanceof TlvError || e instanceof GpoFormatError || e instanceof RangeError)) throw e;
        }
      }
      return framed(decodeVpcdMessage(bytes), bytes.length);
    },
  },
  {
    name: 'vpcd messages',
    rejects: [],
    seeds: [encodeVpcdMessage(u8(0x00)), encodeVpcdMessage(hex('00a4040007a0000003330101'))],
    run: (bytes) => framed(decodeVpcdMessage(bytes), bytes.length),
  },
  {
    name: 'IPP responses',
    rejects: [IppDecodeError],
    seeds: [
      encodeRequest({
        operation: OPERATION.getJobAttributes,
        requestId: 7,
        groups: [
          {
            tag: GROUP.operation,
            attributes: [attr('attributes-charset', TAG.charset, 'utf-8'), attr('job-id', TAG.integer, 42)],
          },
        ],
      }),
    ],
    run(bytes) {
      decodeResponse(bytes);
      return undefined;
    },
  },
];

/** Random bytes, or a valid frame with bytes flipped, inserted, removed or cut off. */
export function framesFor(target: FuzzTarget): fc.Arbitrary<Uint8Array> {
  const edit = fc.oneof(
    fc.record({ op: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ op: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ op: fc.constant('remove' as const), at: fc.nat(), value: fc.constant(0) }),
    fc.record({ op: fc.constant('cut' as const), at: fc.nat(), value: fc.constant(0) }),
  );
  const mutated = fc
    .tuple(fc.constantFrom(...target.seeds), fc.array(edit, { minLength: 1, maxLength: 6 }))
    .map(([seed, edits]) => {
      let b = [...seed];
      for (const { op, at, value } of edits) {
        const i = b.length ? at % (b.length + (op === 'insert' ? 1 : 0)) : 0;
        if (op === 'flip' && b.length) b[i] = value;
        else if (op === 'insert') b.splice(i, 0, value);
        else if (op === 'remove') b.splice(i, 1);
        else if (op === 'cut') b = b.slice(0, i);
      }
      return Uint8Array.from(b);
    });
  return fc.oneof(fc.uint8Array({ maxLength: 700 }), mutated, mutated);
}

/** One frame through one target: undefined when it was decoded or rejected with a typed error. */
export function check(target: FuzzTarget, bytes: Uint8Array): string | undefined {
  try {
    return target.run(bytes);
  } catch (e) {
    if (target.rejects.some((cls) => e instanceof cls)) return undefined;
    return `crash: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
}
