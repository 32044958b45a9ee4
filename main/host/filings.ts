// The host's side of the filing channels: a submission becomes an outbox entry (durable before the
// answer), a refusal becomes a Failure the citizen can read, and every outbox move becomes an event.
import type { Logger } from '../../devices/core';
import { findFilingService } from '../../domain/catalogue';
import { maskIdNumber } from '../../domain/identity';
import { checkJson } from '../../domain/json';
import { FilingRefused, type MaterialInput, type Outbox, type OutboxStatus } from '../backend';
import type { FilingStatusDto, SubmitFilingInput } from '../ipc/contract';
import { CallFailure, type Handlers } from '../ipc/dispatch';

export interface FilingChannels {
  handlers: Pick<Handlers, 'filings:submit' | 'filings:status'>;
  onState(listener: (s: FilingStatusDto) => void): () => void;
}

const notConfigured = () =>
  new CallFailure({
    code: 'notConfigured',
    message: 'no back office is configured: this kiosk cannot accept filings',
  });

/** `outbox` is undefined when no back office is configured: then every call fails `notConfigured`. */
export function filingChannels(outbox: Outbox | undefined, log: Logger): FilingChannels {
  const flog = log.child({ component: 'filings' });
  return {
    handlers: {
      async 'filings:submit'(input) {
        const where = {
          localId: input.localId,
          serviceId: input.serviceId,
          applicant: maskIdNumber(input.applicant.idNumber),
        };
        if (!outbox) {
          flog.error('filings.notConfigured', where);
          throw notConfigured();
        }
        const replayed = outbox.status(input.localId) !== undefined;
        // What the back office would refuse is refused here, before anything is durable: a promise
        // of "submitted" must never end in 表单内容不完整 (issue #8).
        const checked = replayed ? { form: input.form } : checkFiling(input);
        if ('refused' in checked) {
          flog.warn('filings.refused', { ...where, code: 'invalidArgument', detail: checked.refused });
          throw new CallFailure({
            code: 'invalidArgument',
            message: 'the back office would refuse this filing',
            detail: checked.refused,
          });
        }
        const materials = input.materials.map(decodeMaterial);
        try {
          const { idNumber, name, phone } = input.applicant;
          const status = await outbox.enqueueFiling({
            ...input,
            applicant: { idNumber, name, ...(phone !== undefined ? { phone } : {}) },
            form: checked.form,
            materials,
          });
          flog.info('filings.durable', {
            ...where,
            replayed,
            state: status.state,
            materials: materials.length,
            bytes: materials.reduce((n, m) => n + m.bytes.byteLength, 0),
          });
          return toDto(status);
        } catch (err) {
          if (!(err instanceof FilingRefused)) throw err;
          const detail = refusedPath(input, err.material);
          flog.warn('filings.refused', { ...where, code: err.code, detail });
          throw new CallFailure({ code: err.code, message: err.message, detail });
        }
      },
      'filings:status'({ localId }) {
        if (!outbox) return Promise.reject(notConfigured());
        const status = outbox.status(localId);
        return Promise.resolve(status ? toDto(status) : null);
      },
    },
    onState(listener) {
      if (!outbox) return () => undefined;
      const offs = [
        outbox.events.on('enqueued', (s) => listener(toDto(s))),
        outbox.events.on('state', (s) => listener(toDto(s))),
      ];
      return () => offs.forEach((off) => off());
    },
  };
}

/**
 * The back office's own checks of a filing, with the same definitions (domain/catalogue
 * findFilingService: the service and its form schema; domain/json: text every store keeps as it
 * is). The parsed form is what gets filed. A refusal names the fields at fault, comma-separated.
 */
function checkFiling(input: SubmitFilingInput): { form: Record<string, unknown> } | { refused: string } {
  const service = findFilingService(input.serviceId);
  if (!service) return { refused: 'serviceId' };
  const text = checkJson(
    {
      applicant: input.applicant,
      delivery: input.delivery,
      materials: input.materials.map((m) => ({ name: m.name })),
    },
    { maxDepth: 4, maxSize: 64_000 },
  );
  const form = service.form.safeParse(input.form);
  const paths = [
    ...(text ? [text.path.join('.')] : []),
    ...(form.error?.issues.map((i) => ['form', ...i.path.map(String)].join('.')) ?? []),
  ];
  if (paths.length > 0 || !form.success) return { refused: [...new Set(paths)].join(',') || 'form' };
  return { form: form.data };
}

function decodeMaterial(m: SubmitFilingInput['materials'][number]): MaterialInput {
  return { name: m.name, kind: m.kind, contentType: m.contentType, bytes: Buffer.from(m.data, 'base64') };
}

/** `materials.<index>` of the refused material, or `materials` when the total is at fault. */
function refusedPath(input: SubmitFilingInput, name: string | undefined): string {
  const index = name === undefined ? -1 : input.materials.findIndex((m) => m.name === name);
  return index < 0 ? 'materials' : `materials.${index}`;
}

/** The outbox status minus anything the contract does not promise (it is already free of personal data). */
export function toDto(s: OutboxStatus): FilingStatusDto {
  return {
    localId: s.localId,
    state: s.state,
    serviceId: s.serviceId,
    ...(s.filingId !== undefined ? { filingId: s.filingId } : {}),
    ...(s.trackingNumber !== undefined ? { trackingNumber: s.trackingNumber } : {}),
    ...(s.qrPayload !== undefined ? { qrPayload: s.qrPayload } : {}),
    attempts: s.attempts,
    ...(s.nextAttemptAt !== undefined ? { nextAttemptAt: s.nextAttemptAt } : {}),
    ...(s.lastError !== undefined ? { lastError: s.lastError } : {}),
    ...(s.rejection ? { rejection: s.rejection } : {}),
    ...(s.materials ? { materials: s.materials } : {}),
    createdAt: s.createdAt,
    ...(s.deliveredAt !== undefined ? { deliveredAt: s.deliveredAt } : {}),
    label: s.label,
  };
}
