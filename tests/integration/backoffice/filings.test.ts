import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidTrackingNumber } from '../../../backoffice/index';
import {
  ADULT_ID,
  BACKENDS,
  BackendHarness,
  LICENSED_ID,
  MINOR_ID,
  genericBody,
  loginStaff,
  registerKiosk,
  soleProprietorBody,
} from '../../helpers/backoffice-server';

const API = '/api/v1';
let keySeq = 0;
const newKey = () => `key-${Date.now()}-${++keySeq}`;

describe.each(BACKENDS)('filings on %s', (backend) => {
  const harness = new BackendHarness(backend);
  let app: FastifyInstance;
  let kiosk: Record<string, string>;
  let clerk: Record<string, string>;
  let supervisor: Record<string, string>;

  beforeAll(async () => {
    ({ app } = await harness.start({ config: { maxMaterialBytes: 64 * 1024, maxFilingBytes: 100 * 1024 } }));
    kiosk = await registerKiosk(app);
    clerk = await loginStaff(app, 'clerk');
    supervisor = await loginStaff(app, 'supervisor');
  });
  afterAll(() => harness.stop());

  const submit = (payload: object, key = newKey(), headers = kiosk) =>
    app.inject({
      method: 'POST',
      url: `${API}/filings`,
      headers: { ...headers, 'idempotency-key': key },
      payload,
    });

  it('creates a filing once per Idempotency-Key and rejects a different body under the same key', async () => {
    const key = newKey();
    const first = await submit(genericBody(), key);
    expect(first.statusCode).toBe(201);
    const created = first.json<{
      filingId: string;
      trackingNumber: string;
      status: string;
      qrPayload: string;
    }>();
    expect(created.status).toBe('submitted');
    expect(isValidTrackingNumber(created.trackingNumber)).toBe(true);
    expect(created.trackingNumber).toMatch(/^YZ\d{8}-\d{6}[0-9A-Y]$/);
    expect(created.qrPayload).toMatch(
      new RegExp(`^yizhan://track/${created.trackingNumber}\\?v=[A-Za-z0-9_-]{16}$`),
    );

    const retry = await submit(genericBody(), key);
    expect(retry.statusCode).toBe(200);
    expect(retry.body).toBe(first.body);

    const conflict = await submit({ ...genericBody(), form: { subject: '别的申请' } }, key);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ error: { code: 'idempotencyConflict' } });

    const list = await app.inject({ method: 'GET', url: `${API}/staff/filings`, headers: clerk });
    const ids = list
      .json<{ items: { trackingNumber: string }[] }>()
      .items.filter((i) => i.trackingNumber === created.trackingNumber);
    expect(ids).toHaveLength(1);
  });

  it('validates bodies with field paths and never leaks internals', async () => {
    const bad = await submit({ ...genericBody(), applicant: { idNumber: '123', name: '' } });
    expect(bad.statusCode).toBe(400);
    const err = bad.json<{ error: { code: string; fields: { path: string }[] } }>().error;
    expect(err.code).toBe('validationFailed');
    expect(err.fields.map((f) => f.path)).toEqual(
      expect.arrayContaining(['applicant.idNumber', 'applicant.name']),
    );
    expect(bad.body).not.toMatch(/at .*\.ts:\d+/);

    const noKey = await app.inject({
      method: 'POST',
      url: `${API}/filings`,
      headers: kiosk,
      payload: genericBody(),
    });
    expect(noKey.json()).toMatchObject({ error: { code: 'idempotencyKeyRequired' } });
    const other = await submit(genericBody(ADULT_ID, 'kiosk-99'));
    expect(other.statusCode).toBe(403);
    const noAuth = await app.inject({ method: 'POST', url: `${API}/filings`, payload: genericBody() });
    expect(noAuth.statusCode).toBe(401);
    const badJson = await app.inject({
      method: 'POST',
      url: `${API}/filings`,
      headers: { ...kiosk, 'idempotency-key': newKey(), 'content-type': 'application/json' },
      payload: '{"serviceId":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json<{ error: { code: string } }>().error.code).toBeTypeOf('string');
    const unknown = await submit({ ...genericBody(), serviceId: 'no-such-service' });
    expect(unknown.json()).toMatchObject({ error: { code: 'unknownService' } });
  });

  it('stores materials with checksums and enforces per-file and per-filing limits', async () => {
    const { filingId } = (await submit(genericBody())).json<{ filingId: string }>();
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(40 * 1024, 7)]);
    const up = (body: Buffer, type = 'image/jpeg') =>
      app.inject({
        method: 'POST',
        url: `${API}/filings/${filingId}/materials?name=${encodeURIComponent('身份证正面.jpg')}&kind=idCardFront`,
        headers: { ...kiosk, 'content-type': type },
        payload: body,
      });
    const ok = await up(jpeg);
    expect(ok.statusCode).toBe(201);
    const { createHash } = await import('node:crypto');
    expect(ok.json()).toMatchObject({
      bytes: jpeg.length,
      sha256: createHash('sha256').update(jpeg).digest('hex'),
    });
    expect((await up(jpeg)).statusCode).toBe(201);
    const third = await up(jpeg);
    expect(third.statusCode).toBe(413);
    expect(third.json()).toMatchObject({ error: { code: 'tooLarge' } });
    const huge = await up(Buffer.concat([jpeg, jpeg]));
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ error: { code: 'tooLarge' } });
    expect((await up(Buffer.from('not a pdf'), 'application/pdf')).statusCode).toBe(415);
    expect((await up(Buffer.from('x'), 'image/gif')).statusCode).toBe(415);
    const view = await app.inject({ method: 'GET', url: `${API}/filings/${filingId}`, headers: clerk });
    expect(view.json<{ materials: unknown[] }>().materials).toHaveLength(2);
  });

  it('stores a retried material upload once (same Idempotency-Key answers with the first copy)', async () => {
    const { filingId } = (await submit(genericBody())).json<{ filingId: string }>();
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(30 * 1024, 9)]);
    const up = (key: string | undefined, body = jpeg, name = '户口本.jpg') =>
      app.inject({
        method: 'POST',
        url: `${API}/filings/${filingId}/materials?name=${encodeURIComponent(name)}&kind=household`,
        headers: { ...kiosk, 'content-type': 'image/jpeg', ...(key ? { 'idempotency-key': key } : {}) },
        payload: body,
      });
    const key = newKey();
    const first = await up(key);
    expect(first.statusCode).toBe(201);
    // 30 KiB twice would still fit the 100 KiB filing limit: the replay is recognised, not re-stored.
    const again = await up(key);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const concurrent = await Promise.all([up(`${key}-b`), up(`${key}-b`), up(`${key}-b`)]);
    expect(concurrent.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(concurrent.map((r) => r.json<{ materialId: string }>().materialId)).size).toBe(1);
    const view = await app.inject({ method: 'GET', url: `${API}/filings/${filingId}`, headers: clerk });
    expect(view.json<{ materials: unknown[] }>().materials).toHaveLength(2);
    const changed = await up(key, Buffer.concat([jpeg, Buffer.from([1])]));
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ error: { code: 'idempotencyConflict' } });
    expect((await up('short')).json()).toMatchObject({ error: { code: 'badIdempotencyKey' } });
  });

  it('walks the state machine, refuses illegal transitions and lets the applicant supplement', async () => {
    const { filingId } = (await submit({ ...genericBody(), delivery: { method: 'print' } })).json<{
      filingId: string;
    }>();
    const act = (path: string, headers: Record<string, string>, payload: object = {}) =>
      app.inject({ method: 'POST', url: `${API}/staff/filings/${filingId}/${path}`, headers, payload });
    const early = await act('approve', supervisor);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'illegalTransition' } });
    expect((await act('accept', clerk)).statusCode).toBe(200);
    const more = await act('request-more', clerk, { reason: '缺少户口本', missing: ['户口本首页'] });
    expect(more.json()).toMatchObject({ status: 'needsMore', missing: ['户口本首页'] });
    const sup = await app.inject({
      method: 'POST',
      url: `${API}/filings/${filingId}/supplement`,
      headers: kiosk,
      payload: {},
    });
    expect(sup.json()).toMatchObject({ status: 'submitted' });
    expect((await act('accept', clerk)).statusCode).toBe(200);
    expect((await act('approve', clerk)).statusCode).toBe(403);
    expect((await act('approve', supervisor)).json()).toMatchObject({ status: 'approved' });
    expect((await act('reject', supervisor, { reason: '重复' })).statusCode).toBe(409);
    const result = await act('result', clerk, { generate: true });
    expect(result.json()).toMatchObject({ status: 'resultReady' });
    // The kiosk prints once the applicant's ID card is read there: progress by identity → a grant.
    const mine = await app.inject({
      method: 'GET',
      url: `${API}/progress?idNumber=${ADULT_ID}&name=${encodeURIComponent('李华')}`,
      headers: kiosk,
    });
    const resultUrl = mine
      .json<{ items: { filingId: string; resultUrl?: string }[] }>()
      .items.find((i) => i.filingId === filingId)?.resultUrl;
    expect(resultUrl).toMatch(/\?grant=/);
    const pdf = await app.inject({ method: 'GET', url: resultUrl!, headers: kiosk });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const printed = await app.inject({
      method: 'POST',
      url: `${API}/filings/${filingId}/result/printed`,
      headers: kiosk,
      payload: { grant: new URL(resultUrl!, 'http://x').searchParams.get('grant') },
    });
    expect(printed.json()).toMatchObject({ status: 'collected' });
    const history = printed.json<{ history: { to: string }[] }>().history.map((h) => h.to);
    expect(history).toEqual([
      'submitted',
      'accepted',
      'needsMore',
      'submitted',
      'accepted',
      'approved',
      'resultReady',
      'collected',
    ]);
  });

  it('accepts an uploaded result PDF from staff and posts it', async () => {
    const { filingId } = (
      await submit({ ...genericBody(), delivery: { method: 'post', address: '北京市东城区1号' } })
    ).json<{
      filingId: string;
    }>();
    for (const [p, h] of [
      ['accept', clerk],
      ['approve', supervisor],
    ] as const) {
      await app.inject({
        method: 'POST',
        url: `${API}/staff/filings/${filingId}/${p}`,
        headers: h,
        payload: {},
      });
    }
    const pdf = Buffer.from('%PDF-1.4\n% staff upload\n');
    const up = await app.inject({
      method: 'POST',
      url: `${API}/staff/filings/${filingId}/result`,
      headers: { ...clerk, 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(up.json()).toMatchObject({ status: 'resultReady' });
    const back = await app.inject({
      method: 'GET',
      url: `${API}/filings/${filingId}/result`,
      headers: clerk,
    });
    expect(Buffer.compare(back.rawPayload, pdf)).toBe(0);
    const posted = await app.inject({
      method: 'POST',
      url: `${API}/staff/filings/${filingId}/posted`,
      headers: clerk,
      payload: { carrier: 'EMS', waybill: '1234567890' },
    });
    expect(posted.json()).toMatchObject({ status: 'collected' });
  });

  it('lets staff open a material, and accepts materials after an instant approval', async () => {
    const r = await submit(soleProprietorBody());
    const { filingId, status } = r.json<{ filingId: string; status: string }>();
    expect(status).toBe('resultReady');
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), Buffer.alloc(2048, 3)]);
    const up = await app.inject({
      method: 'POST',
      url: `${API}/filings/${filingId}/materials?name=${encodeURIComponent('经营场所照片.jpg')}&kind=premises`,
      headers: { ...kiosk, 'content-type': 'image/jpeg' },
      payload: jpeg,
    });
    expect(up.statusCode).toBe(201);
    const { materialId } = up.json<{ materialId: string }>();
    const url = `${API}/filings/${filingId}/materials/${materialId}`;
    const seen = await app.inject({ method: 'GET', url, headers: clerk });
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toMatch(/^image\/jpeg/);
    expect(Buffer.compare(seen.rawPayload, jpeg)).toBe(0);
    expect((await app.inject({ method: 'GET', url, headers: kiosk })).statusCode).toBeGreaterThanOrEqual(401);
    const missing = await app.inject({
      method: 'GET',
      url: `${API}/filings/${filingId}/materials/${filingId}`,
      headers: clerk,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('approves a sole-proprietor registration instantly with a result PDF', async () => {
    const r = await submit(soleProprietorBody());
    expect(r.statusCode).toBe(201);
    const body = r.json<{
      filingId: string;
      status: string;
      instantResult: { decision: string; documentUrl: string };
    }>();
    expect(body.status).toBe('resultReady');
    expect(body.instantResult.decision).toBe('approved');
    const doc = await app.inject({ method: 'GET', url: body.instantResult.documentUrl, headers: kiosk });
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const view = await app.inject({ method: 'GET', url: `${API}/filings/${body.filingId}`, headers: clerk });
    expect(
      view.json<{ history: { to: string; actor: string }[] }>().history.map((h) => `${h.to}:${h.actor}`),
    ).toEqual([
      'submitted:kiosk:kiosk-01',
      'accepted:rules:instantApproval',
      'approved:rules:instantApproval',
      'resultReady:rules:instantApproval',
    ]);
  });

  it.each([
    ['a minor', { idNumber: MINOR_ID }],
    ['a licensed scope', { scope: ['食品经营'] }],
    ['an existing e-licence', { idNumber: LICENSED_ID }],
  ])('falls back to staff review for %s', async (_label, o) => {
    const r = await submit(soleProprietorBody(o));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'submitted' });
    expect(r.json()).not.toHaveProperty('instantResult');
  });

  it.each([
    ['HK/Macau/Taiwan residence permit', '810000198001010014'],
    ['foreign permanent residence card, 2017 (15 characters)', 'USA110070070401'],
    ['foreign permanent residence card, 2023', '911250198505120021'],
    ['resident ID with a lowercase check x', '11010519491231002x'],
  ])('accepts a %s wherever a person is named (one rule: domain/identity)', async (_kind, given) => {
    const id = given.toUpperCase();
    const filed = await submit({
      ...genericBody(given),
      applicant: { idNumber: given, name: '约翰·史密斯' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const q = `idNumber=${given}&name=${encodeURIComponent('约翰·史密斯')}`;
    const get = (url: string, headers = kiosk) => app.inject({ method: 'GET', url: `${API}${url}`, headers });
    const progress = await get(`/progress?${q}`);
    expect(progress.json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await get(`/staff/filings?idNumber=${given}`, clerk)).json()).toMatchObject({ total: 1 });
    expect((await get(`/elicences?idNumber=${given}`)).statusCode).toBe(200);
    expect((await get(`/citizen/medical-insurance?${q}`)).statusCode).toBe(200);
    const ticket = await app.inject({
      method: 'POST',
      url: `${API}/queue/tickets`,
      headers: kiosk,
      payload: { kioskId: 'kiosk-01', theme: 'general', idNumber: given },
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    // Stored canonical: the staff view shows the number as the card has it.
    const { filingId } = filed.json<{ filingId: string }>();
    expect((await get(`/filings/${filingId}`, clerk)).json()).toMatchObject({ applicant: { idNumber: id } });
  });

  it('refuses a resident number whose check digit or birth date is wrong, everywhere', async () => {
    for (const bad of ['110101197608056896', '110105200013011230']) {
      const filed = await submit(genericBody(bad));
      expect(filed.statusCode).toBe(400);
      expect(filed.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)).toEqual(
        ['applicant.idNumber'],
      );
      const progress = await app.inject({
        method: 'GET',
        url: `${API}/progress?idNumber=${bad}&name=x`,
        headers: kiosk,
      });
      expect(progress.statusCode).toBe(400);
    }
  });

  it('answers progress by tracking number or ID number + name without echoing the ID number', async () => {
    const { trackingNumber } = (await submit(genericBody('110101198501012311'))).json<{
      trackingNumber: string;
    }>();
    const byTn = await app.inject({
      method: 'GET',
      url: `${API}/progress?trackingNumber=${trackingNumber}`,
      headers: kiosk,
    });
    expect(byTn.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({ trackingNumber, serviceId: 'generic-application', status: 'submitted' }),
    ]);
    const typo = `${trackingNumber.slice(0, -2)}${trackingNumber.at(-2) === '9' ? '8' : '9'}${trackingNumber.at(-1)}`;
    expect(
      (await app.inject({ method: 'GET', url: `${API}/progress?trackingNumber=${typo}`, headers: kiosk }))
        .statusCode,
    ).toBe(400);
    const byId = await app.inject({
      method: 'GET',
      url: `${API}/progress?idNumber=110101198501012311&name=${encodeURIComponent('李华')}`,
      headers: kiosk,
    });
    expect(byId.json<{ items: unknown[] }>().items.length).toBeGreaterThanOrEqual(1);
    expect(byId.body).not.toContain('110101198501012311');
    const wrongName = await app.inject({
      method: 'GET',
      url: `${API}/progress?idNumber=110101198501012311&name=${encodeURIComponent('王五')}`,
      headers: kiosk,
    });
    expect(wrongName.json()).toEqual({ items: [] });
    const list = await app.inject({
      method: 'GET',
      url: `${API}/staff/filings?serviceId=generic-application`,
      headers: clerk,
    });
    expect(list.body).not.toContain('110101198501012311');
    expect(list.body).toContain('110101********2311');
    const found = (q: string) =>
      app
        .inject({ method: 'GET', url: `${API}/staff/filings?${q}`, headers: clerk })
        .then((r) => r.json<{ items: { trackingNumber: string }[]; total: number }>());
    expect(
      (await found(`trackingNumber=${trackingNumber.toLowerCase()}`)).items.map((i) => i.trackingNumber),
    ).toEqual([trackingNumber]);
    const foundById = (await found('idNumber=110101198501012311')).items.map((i) => i.trackingNumber);
    expect(foundById).toContain(trackingNumber);
    expect((await found('idNumber=110105200001011238')).items.map((i) => i.trackingNumber)).not.toContain(
      trackingNumber,
    );
  });

  it('gives the applicant (ID number + name) the result to print, and a tracking number only the status', async () => {
    const created = (await submit(soleProprietorBody({ idNumber: '110105199003071239' }))).json<{
      filingId: string;
      trackingNumber: string;
      status: string;
    }>();
    expect(created.status).toBe('resultReady');
    const mine = await app.inject({
      method: 'GET',
      url: `${API}/progress?idNumber=110105199003071239&name=${encodeURIComponent('张晓明')}`,
      headers: kiosk,
    });
    const item = mine.json<{ items: Record<string, unknown>[] }>().items[0];
    expect(item).toMatchObject({
      trackingNumber: created.trackingNumber,
      filingId: created.filingId,
      resultUrl: expect.stringMatching(
        new RegExp(`^/api/v1/filings/${created.filingId}/result\\?grant=[0-9a-z]+\\.[0-9a-f]{32}$`),
      ) as unknown,
    });
    const pdf = await app.inject({ method: 'GET', url: String(item?.resultUrl), headers: kiosk });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const anyone = await app.inject({
      method: 'GET',
      url: `${API}/progress?trackingNumber=${created.trackingNumber}`,
      headers: kiosk,
    });
    const public_ = anyone.json<{ items: Record<string, unknown>[] }>().items[0];
    expect(public_).toMatchObject({ trackingNumber: created.trackingNumber, status: 'resultReady' });
    expect(public_).not.toHaveProperty('filingId');
    expect(public_).not.toHaveProperty('resultUrl');
  });

  it('shows staff remarks to the applicant when more materials are needed', async () => {
    const { filingId } = (await submit(genericBody('110105199003071239'))).json<{ filingId: string }>();
    await app.inject({
      method: 'POST',
      url: `${API}/staff/filings/${filingId}/accept`,
      headers: clerk,
      payload: {},
    });
    await app.inject({
      method: 'POST',
      url: `${API}/staff/filings/${filingId}/request-more`,
      headers: clerk,
      payload: { reason: '请补充户口本首页', missing: ['户口本首页'] },
    });
    const mine = await app.inject({
      method: 'GET',
      url: `${API}/progress?idNumber=110105199003071239&name=${encodeURIComponent('李华')}`,
      headers: kiosk,
    });
    expect(mine.json<{ items: unknown[] }>().items).toContainEqual(
      expect.objectContaining({
        filingId,
        status: 'needsMore',
        missing: ['户口本首页'],
        decisionReason: '请补充户口本首页',
      }),
    );
  });

  it('keeps personal data from the technician role', async () => {
    const technician = await loginStaff(app, 'technician');
    const r = (await submit(soleProprietorBody())).json<{ filingId: string }>();
    for (const url of [`${API}/filings/${r.filingId}`, `${API}/filings/${r.filingId}/result`]) {
      const res = await app.inject({ method: 'GET', url, headers: technician });
      expect(res.statusCode, url).toBe(403);
    }
  });

  it('takes one 好差评 rating per filing and exports it as UTF-8 CSV with BOM', async () => {
    const { filingId, trackingNumber } = (await submit(genericBody())).json<{
      filingId: string;
      trackingNumber: string;
    }>();
    const rate = (payload: object) =>
      app.inject({ method: 'POST', url: `${API}/filings/${filingId}/rating`, headers: kiosk, payload });
    // Options must belong to the level: praise for the good levels, 差评 options for the two lowest.
    expect((await rate({ level: 5, options: ['longWait'] })).statusCode).toBe(400);
    expect((await rate({ level: 6, options: [] })).statusCode).toBe(400);
    const first = await rate({
      level: 5,
      options: ['fast', 'doneInOneVisit'],
      text: '=HYPERLINK("x") 办事很快',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ trackingNumber, level: 5, levelName: '非常满意', badRating: false });
    const again = await rate({ level: 1, options: ['longWait'] });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'alreadyRated' } });
    const list = await app.inject({ method: 'GET', url: `${API}/staff/ratings`, headers: clerk });
    expect(list.json<{ items: unknown[] }>().items).toContainEqual(
      expect.objectContaining({
        trackingNumber,
        level: 5,
        levelName: '非常满意',
        channel: 'selfServiceTerminal',
        options: [
          { code: 'fast', label: '办理速度快' },
          { code: 'doneInOneVisit', label: '一次办成，不用再跑' },
        ],
      }),
    );
    const csv = await app.inject({
      method: 'GET',
      url: `${API}/staff/ratings/export.csv`,
      headers: supervisor,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const bytes = csv.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '"办件编号","事项","终端","评价渠道","评价等级","等级名称","评价选项","评价内容","评价时间","回访","推送"',
    );
    expect(text).toContain(
      `"${trackingNumber}","generic-application","kiosk-01","自助终端","5","非常满意","办理速度快；一次办成，不用再跑"`,
    );
    expect(text).toContain(`"'=HYPERLINK(""x"") 办事很快"`);
  });
});

describe('instant approval when the result document cannot be rendered', () => {
  const harness = new BackendHarness('sqlite');
  afterAll(() => harness.stop());

  it('still takes the filing, for staff review, without an instant result', async () => {
    const { app } = await harness.start({
      renderer: {
        render: () => Promise.reject(new Error('font file missing')),
        close: () => Promise.resolve(),
      },
    });
    const kiosk = await registerKiosk(app);
    const r = await app.inject({
      method: 'POST',
      url: `${API}/filings`,
      headers: { ...kiosk, 'idempotency-key': 'render-fails-0001' },
      payload: soleProprietorBody(),
    });
    expect(r.statusCode).toBe(201);
    const body = r.json<{ status: string; trackingNumber: string }>();
    expect(body.status).toBe('submitted');
    // The number reserved for the instant result is the one used: no gap in the day's sequence.
    expect(body.trackingNumber).toMatch(/-000001[0-9A-Y]$/);
    expect(r.json()).not.toHaveProperty('instantResult');
  });
});
