/**
 * CUPS over IPP: request builders and response readers for the five operations a kiosk needs.
 * Pure: the bytes go to cupsd through an injected exchange (devices/transports/cups.ts).
 */
import {
  attr,
  attributesOf,
  decodeResponse,
  encodeRequest,
  GROUP,
  groupsOf,
  isSuccess,
  OPERATION,
  operationPreamble,
  TAG,
  type IppResponse,
  type IppValue,
} from './ipp';
import { JOB_STATES, normalizeReasons, type JobState, type QueueState } from './spooler-types';

/** cupsd resolves printers by resource path; the host part of the URI is not checked. */
export const printerUri = (queue: string): string => `ipp://localhost/printers/${encodeURIComponent(queue)}`;
export const printerPath = (queue: string): string => `/printers/${encodeURIComponent(queue)}`;

export function printJobRequest(
  requestId: number,
  p: { queue: string; user: string; jobName: string; copies: number; pdf: Uint8Array },
): Uint8Array {
  return encodeRequest({
    operation: OPERATION.printJob,
    requestId,
    groups: [
      {
        tag: GROUP.operation,
        attributes: [
          ...operationPreamble(),
          attr('printer-uri', TAG.uri, printerUri(p.queue)),
          attr('requesting-user-name', TAG.name, p.user),
          attr('job-name', TAG.name, p.jobName),
          attr('document-format', TAG.mimeMediaType, 'application/pdf'),
        ],
      },
      { tag: GROUP.job, attributes: [attr('copies', TAG.integer, p.copies)] },
    ],
    data: p.pdf,
  });
}

const jobTarget = (queue: string, jobNumber: number, user: string) => [
  ...operationPreamble(),
  attr('printer-uri', TAG.uri, printerUri(queue)),
  attr('job-id', TAG.integer, jobNumber),
  attr('requesting-user-name', TAG.name, user),
];

export function getJobRequest(requestId: number, queue: string, jobNumber: number, user: string): Uint8Array {
  return encodeRequest({
    operation: OPERATION.getJobAttributes,
    requestId,
    groups: [
      {
        tag: GROUP.operation,
        attributes: [
          ...jobTarget(queue, jobNumber, user),
          attr('requested-attributes', TAG.keyword, 'job-state', 'job-state-reasons', 'job-name'),
        ],
      },
    ],
  });
}

export function cancelJobRequest(
  requestId: number,
  queue: string,
  jobNumber: number,
  user: string,
): Uint8Array {
  return encodeRequest({
    operation: OPERATION.cancelJob,
    requestId,
    groups: [{ tag: GROUP.operation, attributes: jobTarget(queue, jobNumber, user) }],
  });
}

export function getPrinterRequest(requestId: number, queue: string): Uint8Array {
  return encodeRequest({
    operation: OPERATION.getPrinterAttributes,
    requestId,
    groups: [
      {
        tag: GROUP.operation,
        attributes: [
          ...operationPreamble(),
          attr('printer-uri', TAG.uri, printerUri(queue)),
          attr(
            'requested-attributes',
            TAG.keyword,
            'printer-state',
            'printer-state-reasons',
            'printer-state-message',
            'printer-is-accepting-jobs',
            'device-uri',
          ),
        ],
      },
    ],
  });
}

export function getJobsRequest(requestId: number, queue: string, user: string): Uint8Array {
  return encodeRequest({
    operation: OPERATION.getJobs,
    requestId,
    groups: [
      {
        tag: GROUP.operation,
        attributes: [
          ...operationPreamble(),
          attr('printer-uri', TAG.uri, printerUri(queue)),
          attr('requesting-user-name', TAG.name, user),
          attr('which-jobs', TAG.keyword, 'all'),
          attr('requested-attributes', TAG.keyword, 'job-id', 'job-name', 'job-state'),
        ],
      },
    ],
  });
}

/** Why a request failed, in spooler terms. */
export type CupsFailure = 'notFound' | 'notAccepting' | 'notPossible' | 'forbidden' | 'other';

export class CupsStatusError extends Error {
  override readonly name = 'CupsStatusError';
  constructor(
    readonly status: number,
    readonly failure: CupsFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Decodes a response and throws CupsStatusError unless the IPP status is a success. */
export function readResponse(bytes: Uint8Array, expectedRequestId: number): IppResponse {
  const res = decodeResponse(bytes);
  if (res.requestId !== expectedRequestId) {
    throw new CupsStatusError(
      res.status,
      'other',
      `IPP response for request ${res.requestId}, expected ${expectedRequestId}`,
    );
  }
  if (isSuccess(res.status)) return res;
  const message = String(attributesOf(res, GROUP.operation).get('status-message')?.[0] ?? '');
  const failure: CupsFailure =
    res.status === 0x0406
      ? 'notFound'
      : res.status === 0x0506
        ? 'notAccepting'
        : res.status === 0x040c
          ? 'notPossible'
          : res.status === 0x0401 || res.status === 0x0403
            ? 'forbidden'
            : 'other';
  throw new CupsStatusError(
    res.status,
    failure,
    `IPP status 0x${res.status.toString(16).padStart(4, '0')} ${message}`,
  );
}

const first = (m: Map<string, IppValue[]>, name: string): IppValue | undefined => m.get(name)?.[0];

export const jobStateFromEnum = (n: number): JobState | undefined => JOB_STATES[n - 3];

export function readJobNumber(res: IppResponse): number {
  const id = first(attributesOf(res, GROUP.job), 'job-id');
  if (typeof id !== 'number')
    throw new CupsStatusError(res.status, 'other', 'Print-Job response has no job-id');
  return id;
}

export function readJobState(res: IppResponse): JobState {
  const n = first(attributesOf(res, GROUP.job), 'job-state');
  const state = typeof n === 'number' ? jobStateFromEnum(n) : undefined;
  if (!state) throw new CupsStatusError(res.status, 'other', `unknown job-state ${String(n)}`);
  return state;
}

export function readQueueState(res: IppResponse, queue: string): QueueState {
  const p = attributesOf(res, GROUP.printer);
  const n = first(p, 'printer-state');
  const state = n === 5 ? 'stopped' : n === 4 ? 'processing' : 'idle';
  const reasons = normalizeReasons((p.get('printer-state-reasons') ?? []).map(String));
  const uri = first(p, 'device-uri');
  return {
    queue,
    accepting: first(p, 'printer-is-accepting-jobs') !== false,
    enabled: state !== 'stopped',
    state,
    reasons,
    message: String(first(p, 'printer-state-message') ?? ''),
    ...(typeof uri === 'string' ? { deviceUri: uri } : {}),
  };
}

/** The job-name of a Get-Job-Attributes answer ('' when absent). */
export function readJobName(res: IppResponse): string {
  return String(first(attributesOf(res, GROUP.job), 'job-name') ?? '');
}

export function readJobs(res: IppResponse): { number: number; name: string; state: JobState }[] {
  return groupsOf(res, GROUP.job).flatMap((g) => {
    const number = first(g, 'job-id');
    const stateEnum = first(g, 'job-state');
    const state = typeof stateEnum === 'number' ? jobStateFromEnum(stateEnum) : undefined;
    return typeof number === 'number' && state
      ? [{ number, name: String(first(g, 'job-name') ?? ''), state }]
      : [];
  });
}
