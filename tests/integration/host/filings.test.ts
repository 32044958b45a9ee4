// The kiosk's filing channels on the real host (in this process) against the real back office:
// validation at the door, refusals the citizen can read, not-configured, and the outbox's states.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../devices/core';
import { maskIdNumber } from '../../../domain/identity';
import { HostConfig } from '../../../main/config/host-config';
import { createHost, type Host } from '../../../main/host/host';
import type { Failure, FilingStatusDto, SubmitFilingInput } from '../../../main/ipc/contract';
import { dispatch } from '../../../main/ipc/dispatch';
import { filingFailureText } from '../../../renderer/src/api/filings';
import { planFiling, sampleBytes, sha256Hex, submitInput } from '../../helpers/outbox-plan';
import {
  callApi,
  registerKiosk,
  serverFilings,
  staffLogin,
  startService,
  type TestService,
} from '../../helpers/outbox-service';

const KIOSK_ID = 'kiosk-filings-01';
const LIMITS = { maxMaterialBytes: 256 * 1024, maxFilingBytes: 512 * 1024 };
let dir = '';
let service: TestService;
let credential = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yizhan-filings-'));
  service = await startService({ dir: path.join(dir, 'bo'), limits: LIMITS, heartbeatIntervalMs: 1000 });
  credential = await registerKiosk(service.url, KIOSK_ID);
});
afterAll(async () => {
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const config = (name: string, withBackoffice = true) =>
  HostConfig.parse({
    kioskId: KIOSK_ID,
    dataDir: path.join(dir, name),
    heartbeatIntervalMs: 1000,
    ...(withBackoffice ? { backoffice: { url: service.url, credential } } : {}),
  });

async function withHost(name: string, fn: (host: Host, log: MemoryLogger) => Promise<void>, bo = true) {
  const log = new MemoryLogger();
  const host = await createHost(config(name, bo), log);
  try {
    await fn(host, log);
  } finally {
    await host.stop();
  }
}

const submit = (host: Host, input: unknown, log: MemoryLogger) =>
  dispatch('filings:submit', input, host.handlers, log);
const status = (host: Host, localId: string, log: MemoryLogger) =>
  dispatch('filings:status', { localId }, host.handlers, log);

/** A planned filing with materials of exactly these sizes (all JPEG). */
function filing(i: number, sizes: number[]): SubmitFilingInput {
  const plan = planFiling(20261201, i);
  return submitInput({
    ...plan,
    localId: `filings-test-${i}`,
    form: { ...plan.form, testTag: `filings-test-${i}` },
    materials: sizes.map((size, m) => ({
      name: `材料-${i}-${m}.jpg`,
      kind: 'idCardCopy',
      contentType: 'image/jpeg' as const,
      bytes: sampleBytes(`filings/${i}/${m}`, size, 'jpeg'),
    })),
  });
}

/** Nothing personal in any log line: neither the ID number, nor the name, nor the phone. */
function expectNoPersonalData(log: MemoryLogger, input: SubmitFilingInput) {
  const text = JSON.stringify(log.lines);
  expect(text).not.toContain(input.applicant.idNumber);
  expect(text).not.toContain(input.applicant.name);
  expect(text).not.toContain(input.applicant.phone ?? '\u0000');
}

describe('filings:submit / filings:status / filings:state on the host', () => {
  it('answers once the filing is durable, then reports pending → sending → delivered with the tracking number', async () => {
    await withHost('delivers', async (host, log) => {
      const input = filing(1, [30_000, 90_000]);
      const seen: FilingStatusDto[] = [];
      host.onEvent((channel, payload) => {
        if (channel === 'filings:state' && (payload as FilingStatusDto).localId === input.localId)
          seen.push(payload as FilingStatusDto);
      });
      const answer = await submit(host, input, log);
      expect(answer).toMatchObject({ ok: true, value: { localId: input.localId, state: 'pending' } });

      // At the answer the entry and both scans are already committed in the outbox file.
      const db = new Database(path.join(dir, 'delivers', 'outbox.sqlite'), { readonly: true });
      try {
        expect(
          db.prepare('SELECT COUNT(*) AS n FROM outbox_entry WHERE local_id = ?').get(input.localId),
        ).toEqual({ n: 1 });
        const stored = db
          .prepare('SELECT sha256 FROM outbox_material WHERE local_id = ? ORDER BY seq')
          .all(input.localId) as { sha256: string }[];
        expect(stored.map((r) => r.sha256)).toEqual(
          input.materials.map((m) => sha256Hex(Buffer.from(m.data, 'base64'))),
        );
      } finally {
        db.close();
      }

      await expect.poll(() => seen.at(-1)?.state, { timeout: 15_000 }).toBe('delivered');
      const states = seen.map((s) => s.state);
      expect(states[0]).toBe('pending');
      expect(states).toContain('sending');
      expect(states).not.toContain('rejected');
      const delivered = seen.at(-1)!;
      expect(delivered.trackingNumber).toMatch(/\S+/);
      expect(delivered.materials).toBeUndefined();
      expect(await status(host, input.localId, log)).toEqual({ ok: true, value: delivered });

      const onServer = (await serverFilings(service.url, await staffLogin(service.url, 'clerk'))).filter(
        (f) => f.form.testTag === input.localId,
      );
      expect(onServer).toHaveLength(1);
      expect(onServer[0]!.trackingNumber).toBe(delivered.trackingNumber);
      expect(onServer[0]!.materials.map((m) => m.sha256).sort()).toEqual(
        input.materials.map((m) => sha256Hex(Buffer.from(m.data, 'base64'))).sort(),
      );

      // The same session submitting again (its answer was lost) gets the same filing, not a second one.
      await expect(submit(host, input, log)).resolves.toEqual({ ok: true, value: delivered });
      const again = (await serverFilings(service.url, await staffLogin(service.url, 'clerk'))).filter(
        (f) => f.form.testTag === input.localId,
      );
      expect(again).toHaveLength(1);
      expect(log.lines.filter((l) => l.event === 'filings.durable').map((l) => l.fields.replayed)).toEqual([
        false,
        true,
      ]);
      expectNoPersonalData(log, input);
    });
  });

  const valid = filing(2, [20_000]);
  const m0 = valid.materials[0]!;
  it.each<[string, unknown, string[]]>([
    [
      'an ID number of 17 digits',
      { ...valid, applicant: { ...valid.applicant, idNumber: valid.applicant.idNumber.slice(0, 17) } },
      ['applicant.idNumber'],
    ],
    [
      'a scan that is not base64',
      { ...valid, materials: [{ ...m0, data: '%%not base64%%' }] },
      ['materials.0.data'],
    ],
    ['a PNG', { ...valid, materials: [{ ...m0, contentType: 'image/png' }] }, ['materials.0.contentType']],
    [
      'a material kind in Chinese',
      { ...valid, materials: [{ ...m0, kind: '身份证' }] },
      ['materials.0.kind'],
    ],
    ['delivery by post without an address', { ...valid, delivery: { method: 'post' } }, ['delivery.address']],
    ['no session id', { ...valid, localId: '' }, ['localId']],
    ['an unknown field', { ...valid, secretNote: 'x' }, ['secretNote']],
    [
      'several faults at once',
      { ...valid, serviceId: '办件', applicant: { ...valid.applicant, phone: 'call me' } },
      ['serviceId', 'applicant.phone'],
    ],
  ])(
    'refuses %s as invalidArgument naming the fields, before the host sees it',
    async (_what, input, paths) => {
      await withHost('invalid', async (host, log) => {
        const r = await submit(host, input, log);
        expect(r.ok).toBe(false);
        const error = (r as { error: Failure }).error;
        expect(error.code).toBe('invalidArgument');
        expect(error.detail?.split(',').sort()).toEqual([...paths].sort());
        expect(filingFailureText(error).zh).toBe('申请信息不完整或格式不正确，请检查后重新提交');
        expect(log.lines.find((l) => l.event === 'ipc.invalidInput')?.fields).toMatchObject({
          channel: 'filings:submit',
          issues: paths,
        });
        expect(log.lines.some((l) => l.event.startsWith('filings.'))).toBe(false);
        expect(await status(host, valid.localId, log)).toEqual({ ok: true, value: null });
        expectNoPersonalData(log, valid);
      });
    },
  );

  it('refuses a form the back office would refuse before anything is durable, with the same schema (issue #8)', async () => {
    await withHost('form', async (host, log) => {
      const base = filing(8, [20_000]);
      const sole = {
        ...base,
        localId: 'filings-test-form',
        serviceId: 'sole-proprietor-registration',
        form: {
          ownerType: 'naturalPerson',
          businessScope: ['打字复印'],
          address: '北京市东城区东四北大街100号',
        },
      };
      const cases: [string, SubmitFilingInput, string][] = [
        ['a required field missing', sole, 'form.businessName'],
        [
          'a key the form does not have',
          { ...sole, form: { ...sole.form, businessName: '晓明复印', x: 1 } },
          'form',
        ],
        ['a service the back office does not file', { ...base, serviceId: 'no-such-service' }, 'serviceId'],
        [
          'a name no database can store',
          { ...base, applicant: { ...base.applicant, name: '张\ud800' } },
          'applicant.name',
        ],
      ];
      for (const [what, input, detail] of cases) {
        const r = await submit(host, input, log);
        expect(r, what).toMatchObject({ ok: false, error: { code: 'invalidArgument', detail } });
        expect(filingFailureText((r as { error: Failure }).error).zh).toBe(
          '申请信息不完整或格式不正确，请检查后重新提交',
        );
        expect(await status(host, input.localId, log), what).toEqual({ ok: true, value: null });
      }
      expect(log.lines.filter((l) => l.event === 'filings.refused').map((l) => l.fields.detail)).toEqual(
        cases.map(([, , detail]) => detail),
      );
      expect(log.lines.some((l) => l.event === 'filings.durable')).toBe(false);

      // The back office refuses that form for the same field: one schema, not two.
      const direct = await fetch(`${service.url}/api/v1/filings`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${credential}`,
          'content-type': 'application/json',
          'idempotency-key': 'issue-8-direct-0001',
        },
        body: JSON.stringify({
          serviceId: sole.serviceId,
          kioskId: KIOSK_ID,
          applicant: sole.applicant,
          form: sole.form,
          delivery: sole.delivery,
        }),
      });
      expect(direct.status).toBe(400);
      expect(((await direct.json()) as { error: { fields: { path: string }[] } }).error.fields).toEqual([
        expect.objectContaining({ path: 'form.businessName' }),
      ]);

      // Complete, it is durable at once and the back office takes it.
      const complete = { ...sole, form: { ...sole.form, businessName: '东城区晓明打字复印店' } };
      await expect(submit(host, complete, log)).resolves.toMatchObject({
        ok: true,
        value: { state: 'pending' },
      });
      await expect
        .poll(
          async () => ((await status(host, complete.localId, log)) as { value: FilingStatusDto }).value.state,
          {
            timeout: 15_000,
          },
        )
        .toBe('delivered');
    });
  });

  it('refuses what the back office would refuse, under the limits it pushed, naming the material', async () => {
    await withHost('refuses', async (host, log) => {
      await expect
        .poll(() => log.lines.find((l) => l.event === 'config.received')?.fields.limits, { timeout: 10_000 })
        .toEqual(LIMITS);
      const badJpeg = filing(4, [20_000]);
      badJpeg.materials[0]!.data = Buffer.from('GIF89a not a jpeg at all').toString('base64');
      const cases: [SubmitFilingInput, Failure['code'], string, string][] = [
        // 300 KiB is far below the 10 MiB default: only the pushed limit refuses it.
        [
          filing(3, [20_000, 300 * 1024]),
          'tooLarge',
          'materials.1',
          '有一份材料文件过大，请降低分辨率后重新拍摄',
        ],
        [
          filing(5, [200_000, 200_000, 200_000]),
          'tooLarge',
          'materials',
          '材料总大小超出限制，请减少页数后重新提交',
        ],
        [badJpeg, 'contentMismatch', 'materials.0', '有一份材料文件已损坏或格式不符，请重新拍摄'],
      ];
      for (const [input, code, detail, zh] of cases) {
        const r = await submit(host, input, log);
        expect(r).toMatchObject({ ok: false, error: { code, detail } });
        expect(filingFailureText((r as { error: Failure }).error).zh).toBe(zh);
        expect(await status(host, input.localId, log)).toEqual({ ok: true, value: null });
        expect(log.lines.findLast((l) => l.event === 'filings.refused')?.fields).toMatchObject({
          localId: input.localId,
          code,
          detail,
          applicant: maskIdNumber(input.applicant.idNumber),
        });
        expectNoPersonalData(log, input);
      }

      // The heartbeat reports the pushed configuration version as a number, and the session as idle.
      const token = await staffLogin(service.url, 'technician');
      const me = async () =>
        (
          await callApi<{ kioskId: string; configVersion: unknown; session: unknown }[]>(
            `${service.url}/api/v1/staff/kiosks`,
            { token },
          )
        ).find((k) => k.kioskId === KIOSK_ID);
      await expect.poll(async () => (await me())?.configVersion, { timeout: 10_000 }).toBe(1);
      expect((await me())?.session).toBe('idle');
    });
  });

  it('fails clearly as notConfigured without a back office, and stores nothing', async () => {
    await withHost(
      'unconfigured',
      async (host, log) => {
        const input = filing(6, [20_000]);
        const r = await submit(host, input, log);
        expect(r).toMatchObject({ ok: false, error: { code: 'notConfigured' } });
        expect(filingFailureText((r as { error: Failure }).error).en).toMatch(/staffed counter/);
        await expect(status(host, input.localId, log)).resolves.toMatchObject({
          ok: false,
          error: { code: 'notConfigured' },
        });
        expect(existsSync(path.join(dir, 'unconfigured', 'outbox.sqlite'))).toBe(false);
        expect(log.lines.find((l) => l.event === 'filings.notConfigured')?.fields).toMatchObject({
          localId: input.localId,
          applicant: maskIdNumber(input.applicant.idNumber),
        });
        expectNoPersonalData(log, input);
      },
      false,
    );
  });
});
