import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackofficeError } from '../errors';
import type { FilingCreated, FilingRequest, FilingView, MaterialUploaded } from '../types';
import { FilingRefused, Outbox, type FilingInput, type OutboxClient } from './outbox';

/** An in-memory back office with the API's idempotency semantics and scriptable failures. */
class FakeBackoffice implements OutboxClient {
  readonly kioskId = 'k-1';
  filings = new Map<
    string,
    { key: string; body: FilingRequest; materials: FilingView['materials'] & object }
  >();
  /** Failures to throw before (or after, for 'afterCommit') the next calls. */
  script: { op: 'create' | 'upload'; error: BackofficeError; afterCommit?: boolean }[] = [];
  calls: string[] = [];

  #fail(op: 'create' | 'upload', committed: boolean): void {
    const next = this.script[0];
    if (next?.op === op && Boolean(next.afterCommit) === committed) {
      this.script.shift();
      throw next.error;
    }
  }

  createFiling(body: FilingRequest, key: string): Promise<{ created: boolean; filing: FilingCreated }> {
    this.calls.push('create');
    this.#fail('create', false);
    let id = [...this.filings].find(([, f]) => f.key === key)?.[0];
    const created = id === undefined;
    if (id === undefined) {
      id = `f-${this.filings.size + 1}`;
      this.filings.set(id, { key, body, materials: [] });
    }
    this.#fail('create', true);
    return Promise.resolve({
      created,
      filing: {
        filingId: id,
        trackingNumber: `T${id}`,
        status: 'submitted',
        qrPayload: `qr:${id}`,
        submittedAt: '',
      },
    });
  }

  uploadMaterial(
    filingId: string,
    m: { name: string; kind: string; bytes: Uint8Array },
  ): Promise<MaterialUploaded> {
    this.calls.push('upload');
    this.#fail('upload', false);
    const f = this.filings.get(filingId)!;
    const sha256 = createHash('sha256').update(m.bytes).digest('hex');
    const materialId = `m-${f.materials.length + 1}`;
    f.materials.push({ materialId, name: m.name, kind: m.kind, bytes: m.bytes.length, sha256 });
    this.#fail('upload', true);
    return Promise.resolve({ materialId, bytes: m.bytes.length, sha256 });
  }

  filing(filingId: string): Promise<FilingView> {
    this.calls.push('get');
    const f = this.filings.get(filingId)!;
    return Promise.resolve({
      filingId,
      trackingNumber: `T${filingId}`,
      status: 'submitted',
      materials: f.materials,
    });
  }
}

const input = (): FilingInput => ({
  serviceId: 'generic-application',
  applicant: { idNumber: '110105199001011234', name: '张三' },
  form: { subject: 'x' },
  delivery: { method: 'print' },
  materials: [
    { name: 'a.jpg', kind: 'idCardCopy', contentType: 'image/jpeg', bytes: Uint8Array.of(0xff, 0xd8, 1, 2) },
    {
      name: 'b.pdf',
      kind: 'form',
      contentType: 'application/pdf',
      bytes: new TextEncoder().encode('%PDF-1'),
    },
  ],
});

let dir: string;
let now: number;
let server: FakeBackoffice;
let outbox: Outbox;
const open = () =>
  new Outbox({
    dataDir: dir,
    openDatabase: (f) => new Database(f),
    client: server,
    now: () => now,
    random: () => 0,
    backoff: { baseMs: 1000, maxMs: 8000, factor: 2 },
  });

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'yizhan-outbox-unit-'));
  now = 1_000_000;
  server = new FakeBackoffice();
  outbox = open();
});

afterEach(() => {
  outbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const timeout = () => new BackofficeError('timeout', 'timed out');

describe('Outbox', () => {
  it('adopts a material the server stored before the answer was lost, instead of uploading it twice', async () => {
    server.script.push({ op: 'upload', error: timeout(), afterCommit: true });
    const { localId } = await outbox.enqueueFiling(input());
    await outbox.drainOnce();
    expect(outbox.status(localId)).toMatchObject({
      state: 'pending',
      lastError: 'timeout',
      materials: { uploaded: 0, total: 2 },
    });

    now += 1000;
    await outbox.drainOnce();
    expect(outbox.status(localId)?.state).toBe('delivered');
    expect(server.filings.get('f-1')!.materials.map((m) => m.name)).toEqual(['a.jpg', 'b.pdf']);
    expect(server.calls).toEqual(['create', 'upload', 'get', 'upload']);
  });

  it('reuses the Idempotency-Key after a lost create answer, so the server files once', async () => {
    server.script.push({ op: 'create', error: new BackofficeError('network', 'reset'), afterCommit: true });
    const { localId } = await outbox.enqueueFiling(input());
    await outbox.drainOnce();
    now += 1000;
    await outbox.drainOnce();
    expect(server.filings.size).toBe(1);
    expect(outbox.status(localId)).toMatchObject({
      state: 'delivered',
      filingId: 'f-1',
      trackingNumber: 'Tf-1',
    });
  });

  it('backs off exponentially on 5xx and survives a reopen with the schedule intact', async () => {
    for (let i = 0; i < 3; i++)
      server.script.push({ op: 'create', error: new BackofficeError('server', '503', { status: 503 }) });
    const { localId } = await outbox.enqueueFiling(input());
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await outbox.drainOnce();
      const s = outbox.status(localId)!;
      waits.push(s.nextAttemptAt! - now);
      now = s.nextAttemptAt!;
    }
    expect(waits).toEqual([500, 1000, 2000]);
    outbox.close();
    outbox = open();
    expect(outbox.status(localId)).toMatchObject({ state: 'pending', attempts: 3 });
    await outbox.drainOnce();
    expect(outbox.status(localId)?.state).toBe('delivered');
  });

  it('rejects on a 409 idempotencyConflict but retries a 409 inProgress', async () => {
    server.script.push({
      op: 'create',
      error: new BackofficeError('rejected', 'busy', { status: 409, code: 'inProgress' }),
    });
    const a = await outbox.enqueueFiling(input());
    await outbox.drainOnce();
    expect(outbox.status(a.localId)?.state).toBe('pending');
    now += 10_000;
    await outbox.drainOnce();
    expect(outbox.status(a.localId)?.state).toBe('delivered');

    server.script.push({
      op: 'create',
      error: new BackofficeError('rejected', 'x', { status: 409, code: 'idempotencyConflict' }),
    });
    const b = await outbox.enqueueFiling(input());
    await outbox.drainOnce();
    expect(outbox.status(b.localId)?.rejection).toMatchObject({ code: 'idempotencyConflict', status: 409 });
  });

  it('refuses what the back office would refuse before storing anything, with a message for the citizen', async () => {
    outbox.setLimits({ maxMaterialBytes: 1000, maxFilingBytes: 1500 });
    const jpeg = (n: number) =>
      Uint8Array.from({ length: n }, (_, i) => (i === 0 ? 0xff : i === 1 ? 0xd8 : 7));
    const cases: [FilingInput['materials'], string][] = [
      [[{ name: 'big.jpg', kind: 'scan', contentType: 'image/jpeg', bytes: jpeg(1001) }], 'tooLarge'],
      [
        [
          { name: 'a.jpg', kind: 'scan', contentType: 'image/jpeg', bytes: jpeg(800) },
          { name: 'b.jpg', kind: 'scan', contentType: 'image/jpeg', bytes: jpeg(800) },
        ],
        'tooLarge',
      ],
      [[{ name: 'x.pdf', kind: 'form', contentType: 'application/pdf', bytes: jpeg(10) }], 'contentMismatch'],
      [
        [{ name: 'x.jpg', kind: 'scan', contentType: 'image/jpeg', bytes: Uint8Array.of(1, 2, 3) }],
        'contentMismatch',
      ],
    ];
    for (const [materials, code] of cases) {
      const err = await outbox.enqueueFiling({ ...input(), materials }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FilingRefused);
      expect((err as FilingRefused).code).toBe(code);
      expect((err as FilingRefused).label.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(outbox.list()).toEqual([]);
    const ok = await outbox.enqueueFiling({
      ...input(),
      materials: [{ name: 'a.jpg', kind: 'scan', contentType: 'image/jpeg', bytes: jpeg(1000) }],
    });
    expect(ok.state).toBe('pending');
  });
});
