import { describe, expect, it } from 'vitest';
import { attr, decodeResponse, encodeRequest, GROUP, IppDecodeError, OPERATION, TAG } from './ipp';
import {
  getPrinterRequest,
  readQueueState,
  readResponse,
  CupsStatusError,
  jobStateFromEnum,
  readJobs,
} from './cups';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Builds a response the way cupsd lays it out (RFC 8010 §3.1). */
function response(
  status: number,
  requestId: number,
  groups: [number, [string, number, (number | string | boolean)[]][]][],
) {
  return encodeRequest({
    operation: status,
    requestId,
    groups: groups.map(([tag, attrs]) => ({ tag, attributes: attrs.map(([n, t, v]) => attr(n, t, ...v)) })),
  });
}

describe('IPP codec', () => {
  it('encodes a request byte for byte (version, operation, request id, attributes, end tag)', () => {
    const bytes = encodeRequest({
      operation: OPERATION.getJobAttributes,
      requestId: 7,
      groups: [
        {
          tag: GROUP.operation,
          attributes: [attr('job-id', TAG.integer, 42), attr('which', TAG.keyword, 'a', 'b')],
        },
      ],
    });
    expect(hex(bytes)).toBe(
      '0200' +
        '0009' +
        '00000007' +
        '01' +
        '21' +
        '0006' +
        Buffer.from('job-id').toString('hex') +
        '0004' +
        '0000002a' +
        '44' +
        '0005' +
        Buffer.from('which').toString('hex') +
        '0001' +
        '61' +
        '44' +
        '0000' +
        '0001' +
        '62' +
        '03',
    );
  });

  it('appends document data after the end-of-attributes tag', () => {
    const bytes = encodeRequest({
      operation: OPERATION.printJob,
      requestId: 1,
      groups: [],
      data: Uint8Array.of(0x25, 0x50),
    });
    expect(hex(bytes)).toBe('02000002000000010325' + '50');
  });

  it('decodes additional values, booleans, enums and UTF-8 names', () => {
    const res = decodeResponse(
      response(0, 3, [
        [GROUP.operation, [['attributes-charset', TAG.charset, ['utf-8']]]],
        [
          GROUP.printer,
          [
            ['printer-state', TAG.enum, [5]],
            ['printer-state-reasons', TAG.keyword, ['paused', 'media-empty-error']],
            ['printer-is-accepting-jobs', TAG.boolean, [true]],
            ['printer-state-message', TAG.text, ['缺纸']],
          ],
        ],
      ]),
    );
    expect(res).toMatchObject({ version: '2.0', status: 0, requestId: 3 });
    expect(readQueueState(res, 'Q')).toEqual({
      queue: 'Q',
      accepting: true,
      enabled: false,
      state: 'stopped',
      reasons: ['paused', 'media-empty'],
      message: '缺纸',
    });
  });

  it('reads the device-uri a queue sends its jobs to (a cups-pdf queue is a simulated printer)', () => {
    const res = decodeResponse(
      response(0, 4, [
        [GROUP.operation, [['attributes-charset', TAG.charset, ['utf-8']]]],
        [
          GROUP.printer,
          [
            ['printer-state', TAG.enum, [3]],
            ['device-uri', TAG.uri, ['cups-pdf:/']],
          ],
        ],
      ]),
    );
    expect(readQueueState(res, 'PDF')).toMatchObject({
      queue: 'PDF',
      state: 'idle',
      deviceUri: 'cups-pdf:/',
    });
    expect(new TextDecoder().decode(getPrinterRequest(1, 'PDF'))).toContain('device-uri');
  });

  it('rejects a truncated message instead of reading past its end', () => {
    const bytes = getPrinterRequest(1, 'Q');
    expect(() => decodeResponse(bytes.subarray(0, 20))).toThrow(IppDecodeError);
  });

  it('turns IPP error statuses into typed failures and checks the request id', () => {
    const notFound = response(0x0406, 9, [
      [GROUP.operation, [['status-message', TAG.text, ['No such printer']]]],
    ]);
    expect(() => readResponse(notFound, 9)).toThrow(
      expect.objectContaining({ failure: 'notFound' }) as Error,
    );
    expect(() => readResponse(response(0x0506, 9, []), 9)).toThrow(
      expect.objectContaining({ failure: 'notAccepting' }) as Error,
    );
    expect(() => readResponse(response(0, 8, []), 9)).toThrow(CupsStatusError);
  });

  it('maps job-state enums 3..9 and reads Get-Jobs groups', () => {
    expect([3, 4, 5, 6, 7, 8, 9].map(jobStateFromEnum)).toEqual([
      'pending',
      'held',
      'processing',
      'stopped',
      'canceled',
      'aborted',
      'completed',
    ]);
    expect(jobStateFromEnum(2)).toBeUndefined();
    const res = decodeResponse(
      response(0, 1, [
        [GROUP.operation, []],
        [
          GROUP.job,
          [
            ['job-id', TAG.integer, [12]],
            ['job-name', TAG.name, ['证明 [k1]']],
            ['job-state', TAG.enum, [9]],
          ],
        ],
        [
          GROUP.job,
          [
            ['job-id', TAG.integer, [13]],
            ['job-state', TAG.enum, [3]],
          ],
        ],
      ]),
    );
    expect(readJobs(res)).toEqual([
      { number: 12, name: '证明 [k1]', state: 'completed' },
      { number: 13, name: '', state: 'pending' },
    ]);
  });
});
