// The citizen's journeys end to end in Chromium: one `yizhan start --headless` for every test here,
// its own page driven through the texts a citizen reads, its simulated devices through
// `yizhan sim control`, what came out checked where it lands (the receipt printer's output).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed, onTestFinished, vi } from 'vitest';
import { LAYOUTS } from '../../../renderer/src/ui/tokens';
import { renderScene, skewedQuad } from '../../fixtures/capture/synthetic-page';
import { createPdfQueue, pdfText, type PdfQueue } from '../../helpers/cups';
import { callApi, serverFilings, staffLogin } from '../../helpers/outbox-service';
import { encodeY4m } from '../../helpers/y4m';
import { expectAccessible, pick, screenText, see, tap } from './harness/citizen';
import { startJourneyKiosk, type JourneyKiosk } from './harness/kiosk';

vi.setConfig({ testTimeout: 180_000 });

let kiosk: JourneyKiosk;
/** The simulated A4 printer's spooler: a cups-pdf queue of this file's own, read back with pdftotext. */
let a4: PdfQueue;
let tmp: string;
beforeAll(async () => {
  a4 = await createPdfQueue('yz-journeys');
  // The document camera sees one A4 page lying askew on its dark base.
  tmp = mkdtempSync(path.join(tmpdir(), 'yizhan-journeys-camera-'));
  const camera = path.join(tmp, 'a4.y4m');
  const quad = skewedQuad({ cx: 650, cy: 480, width: 580, height: 820, rotationDeg: 7, keystone: 0.04 });
  writeFileSync(camera, encodeY4m([renderScene({ width: 1280, height: 960, quad, seed: 5, text: true })]));
  // 45 s: the idle test ends in under a minute, and the others get 25 s between touches before the
  // "need more time?" overlay (20 s) covers the page; at 30 s, 10 s was less than an axe run and two
  // `sim control` calls take on a loaded machine.
  kiosk = await startJourneyKiosk({ ...LAYOUTS.portrait, idleSeconds: 45, a4Queue: a4.name, camera });
}, 300_000);
afterAll(async () => {
  await kiosk?.stop();
  a4?.remove();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

type Receipt = { text?: string } | string;
const receiptText = (r: unknown): string =>
  (Array.isArray(r) ? (r as Receipt[]) : [r as Receipt])
    .map((x) => (typeof x === 'string' ? x : JSON.stringify(x)))
    .join('\n');

/** Back at the attract screen, after the host said the session ended. */
async function ended(mark: number): Promise<Record<string, unknown>> {
  const line = await kiosk.logged('session.ended', () => true, mark);
  await kiosk.page.getByTestId('attract').waitFor({ state: 'visible' });
  return line;
}

describe('the kiosk the journeys run on', () => {
  it('is attached to the page its own browser shows, and its simulated devices answer sim control', async () => {
    const page = kiosk.page;
    expect(new URL(page.url()).origin).toBe(new URL(kiosk.ready.url).origin);
    await see(page, '请将身份证放在读卡区');
    const status = (await kiosk.sim('status')) as
      { devices?: { family: string; health: string }[] } | unknown[];
    const devices = Array.isArray(status) ? status : (status.devices ?? []);
    expect(devices.map((d) => (d as { family: string }).family)).toEqual(
      expect.arrayContaining(['id-card-reader', 'escpos-printer', 'a4-printer', 'scanner', 'locker-board']),
    );
    await expectAccessible(page, 'standard', 'attract');
  });

  it('a card placed on the reader starts a session in the host; lifted, nothing is left', async () => {
    const mark = kiosk.logMark();
    await kiosk.sim('idcard', 'place', 'resident');
    const started = await kiosk.logged('session.started', () => true, mark);
    expect(started.via).toBe('card');
    await kiosk.sim('idcard', 'remove');
    // Cancel from the page's side as a citizen walking away would be timed out; the contract's cancel
    // ends it at once here so the next test starts at attract.
    await kiosk.page.evaluate(() =>
      fetch('/ipc/session:cancel', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-kiosk-token': sessionStorage.getItem('kioskToken') ?? '',
        },
        body: '{}',
      }).then((r) => r.status),
    );
    const end = await kiosk.logged('session.ended', () => true, mark);
    expect(end.reason).toBe('cancel');
  });
});

/** From the attract screen to a service: a tap to begin, its theme's tab, then the service. */
async function openService(theme: string, service: string): Promise<void> {
  const page = kiosk.page;
  await page.getByTestId('attract').click();
  await pick(page, theme);
  await tap(page, service);
}

/** The QR payload on the slip of the filing journey, for the progress journey. */
let filedQr: string | undefined;

/** Opens a form field's editor. */
const field = (name: string) => kiosk.page.locator(`[data-field="${name}"]`).click();

/** Types `letters` on the on-screen pinyin keys and picks `word` from the candidate bar. */
async function typePinyin(letters: string, word: string): Promise<void> {
  const page = kiosk.page;
  for (const k of letters) await page.locator(`.ui-keys [data-skbtn="${k}"]`).click();
  await page
    .locator('.ui-candidate', { hasText: new RegExp(`^${word}$`) })
    .first()
    .click();
}

/** A screenshot for a reader to look at, when JOURNEY_SHOTS names a folder. */
async function shot(name: string): Promise<void> {
  const dir = process.env.JOURNEY_SHOTS;
  if (dir) await kiosk.page.screenshot({ path: path.join(dir, `${name}.png`) });
}

describe('journeys through the screens', () => {
  it('取号: a number for 社会民生类, printed on the receipt printer', async () => {
    const page = kiosk.page;
    const mark = kiosk.logMark();
    await page.getByTestId('attract').click();
    await see(page, '请选择要办理的业务');
    await expectAccessible(page, 'standard', 'catalogue');
    await pick(page, '综合服务类');
    await tap(page, '取号');
    await see(page, '请选择办理事项类别');
    await expectAccessible(page, 'standard', 'queue theme');
    await tap(page, '社会民生类');
    await see(page, '请取走排队号，留意叫号屏。');
    // The receipt printer's own report, not a timer, asks for the slip to be taken.
    await see(page, '请取走凭条');
    const number = /[A-Z]\d{3}/.exec(await page.getByTestId('done-rows').innerText())?.[0];
    expect(number, 'the queue number on the done screen').toBeDefined();
    await expectAccessible(page, 'standard', 'done');
    const receipt = receiptText(await kiosk.sim('receipt', 'last'));
    expect(receipt).toContain(number!);
    await kiosk.sim('receipt', 'take');
    await page.getByText('请取走凭条').waitFor({ state: 'hidden' });
    await tap(page, '结束办理');
    expect((await ended(mark)).reason).toBe('done');
    expect(await screenText(page)).not.toContain(number!);
  });

  it('English on a whole journey: the queue ticket in English', async () => {
    const page = kiosk.page;
    const mark = kiosk.logMark();
    await tap(page, 'English');
    await page.getByTestId('attract').click();
    await see(page, 'Choose a service');
    await pick(page, 'Hall services');
    await tap(page, 'Queue ticket');
    await see(page, 'What do you need?');
    await tap(page, 'Social affairs');
    await see(page, 'Take your ticket and watch the calling screen.');
    await expectAccessible(page, 'standard', 'done (en)');
    await kiosk.sim('receipt', 'take');
    await tap(page, 'Finish');
    await ended(mark);
    // The next citizen begins in Chinese: the language went with the session.
    await see(page, '请将身份证放在读卡区');
  });

  it('elder mode on a whole journey: larger targets and text, the ticket printed', async () => {
    const page = kiosk.page;
    const mark = kiosk.logMark();
    await page.getByTestId('attract').click();
    await tap(page, '长辈模式');
    await see(page, '请选择要办理的业务');
    await expectAccessible(page, 'elder', 'catalogue (elder)');
    await pick(page, '综合服务类');
    // Elder mode shows four services a page: 取号, the fifth of its theme, is on the second.
    await tap(page, '下一页');
    await tap(page, '取号');
    await tap(page, '社会民生类');
    await see(page, '请取走排队号，留意叫号屏。');
    await expectAccessible(page, 'elder', 'done (elder)');
    await kiosk.sim('receipt', 'take');
    await tap(page, '结束办理');
    await ended(mark);
  });

  it('公积金缴存证明打印: the ID card placed on the reader, the account shown, the certificate printed on A4', async () => {
    const page = kiosk.page;
    const mark = kiosk.logMark();
    await openService('住房公积金', '公积金缴存证明打印');
    await tap(page, '开始办理');
    await see(page, '请验证身份');
    await kiosk.sim('idcard', 'place', 'resident');
    await see(page, '查询结果如下');
    await kiosk.sim('idcard', 'remove');
    await tap(page, '下一步');
    // What came out of the spooler: the job the kiosk saw completed, as cups-pdf wrote it.
    const printed = await kiosk.logged('a4.print.completed', () => true, mark);
    // The spooler's job id is `<queue>-<n>`; cups-pdf names the file after n.
    const job = /^(.+)-(\d+)$/.exec(String(printed.jobId));
    expect(job?.[1]).toBe(a4.name);
    const text = pdfText(await a4.waitForOutput(Number(job![2])));
    expect(text).toContain('住房公积金');
    expect(text).toContain('张三');
    expect(text).not.toContain('11010519491231002X');
    await tap(page, '结束办理');
    expect((await ended(mark)).reason).toBe('done');
  });

  it('个体工商户设立登记: card → form on the on-screen keyboard → premises proof on the camera → filed → 秒批 → slip taken → rated', async () => {
    const page = kiosk.page;
    const mark = kiosk.logMark();
    onTestFailed(() => shot('failed-filing'));
    // A citizen slow at the keys (or a kiosk slow to look something up) is asked "need more time?"
    // and taps yes: the test does what they would whenever the question covers the page.
    const idle = page.getByTestId('idle-countdown');
    await page.addLocatorHandler(idle, () => page.getByTestId('idle-more-time').click());
    onTestFinished(() => page.removeLocatorHandler(idle));
    await openService('注册登记类', '个体工商户设立登记');
    await tap(page, '开始办理');
    await see(page, '请验证身份');
    await kiosk.sim('idcard', 'place', 'resident');
    await see(page, '填写申请信息');
    await kiosk.sim('idcard', 'remove');
    // The name typed in pinyin on the keys, a phrase chosen from the candidate bar.
    await field('businessName');
    await typePinyin('dazi', '打字');
    await typePinyin('fuyin', '复印');
    await typePinyin('dian', '店');
    await tap(page, '填好了');
    await field('ownerType');
    await tap(page, '个人经营');
    await tap(page, '填好了');
    await field('businessScope');
    await page.getByRole('checkbox', { name: '打字复印' }).click();
    await tap(page, '填好了');
    await field('address');
    await typePinyin('beijingshi', '北京市');
    await typePinyin('dongchengqu', '东城区');
    await tap(page, '填好了');
    await shot('form');
    await tap(page, '下一步');
    await see(page, '没有查到您的电子证照，可以跳过');
    await tap(page, '下一步');
    // The proof of premises on the document camera (the kiosk's Chromium reads a .y4m as its camera).
    await see(page, '拍摄申请材料');
    await tap(page, '拍摄');
    const capture = page.getByRole('button', { name: '拍摄 Capture' });
    await expect.poll(() => capture.isEnabled(), { timeout: 30_000 }).toBe(true);
    await capture.click();
    await tap(page, '确认 Confirm');
    await tap(page, '完成 Finish');
    await see(page, '已拍摄 1 页');
    await tap(page, '下一步');
    await see(page, '请核对申请信息');
    await see(page, '经营场所使用证明：1 页');
    await tap(page, '确认提交');
    // 秒批: the licence notice on A4 and the acceptance slip on the receipt printer.
    const licence = await kiosk.logged('a4.print.completed', () => true, mark);
    const job = /^(.+)-(\d+)$/.exec(String(licence.jobId));
    expect(job?.[1]).toBe(a4.name);
    expect(pdfText(await a4.waitForOutput(Number(job![2])))).toContain('打字复印店');
    await see(page, '请取走凭条');
    const slip = receiptText(await kiosk.sim('receipt', 'last'));
    await kiosk.sim('receipt', 'take');
    await page.getByText('请取走凭条').waitFor({ state: 'hidden' });
    await page.locator('[data-level="5"]').click();
    await page.locator('[data-option="fast"]').click();
    await shot('rate');
    await page.getByTestId('rate-send').click();
    await see(page, '准予设立登记');
    const rows = await page.getByTestId('done-rows').innerText();
    const tracking = /[A-Z]{2}\d{8}-[0-9A-Z]{7}/.exec(rows)?.[0];
    expect(tracking, `the tracking number on the done screen: ${rows}`).toBeDefined();
    // The slip's QR leads back to this filing (the progress journey scans it).
    filedQr = new RegExp(`\\[QR (yizhan://track/${tracking}\\?v=[^\\]\\s]+)\\]`).exec(slip)?.[1];
    expect(filedQr, `the slip's QR: ${slip}`).toBeDefined();
    // At the back office: the filing with its form and the photographed proof, and the rating.
    const office = kiosk.ready.backoffice;
    const clerk = await staffLogin(office, 'clerk');
    const filing = (await serverFilings(office, clerk)).find((f) => f.trackingNumber === tracking);
    expect(filing?.form).toMatchObject({
      businessName: '打字复印店',
      ownerType: 'naturalPerson',
      businessScope: ['打字复印'],
      address: '北京市东城区',
    });
    expect(filing?.materials).toEqual([
      expect.objectContaining({ kind: 'premisesProof', bytes: expect.any(Number) as number }),
    ]);
    const ratings = await callApi<{ items: Record<string, unknown>[] }>(`${office}/api/v1/staff/ratings`, {
      token: clerk,
    });
    expect(ratings.items.find((r) => r.filingId === filing!.filingId)).toMatchObject({
      level: 5,
      options: [expect.objectContaining({ code: 'fast' })],
    });
    await tap(page, '结束办理');
    expect((await ended(mark)).reason).toBe('done');
  });

  it('办件进度查询: the slip of the filing above scanned, the progress screen shows that filing', async () => {
    expect(filedQr, 'the QR of the filing journey’s slip (that test runs first)').toBeDefined();
    const page = kiosk.page;
    const mark = kiosk.logMark();
    await openService('综合服务类', '办件进度查询');
    await see(page, '请验证身份');
    await kiosk.sim('scan', filedQr!);
    const tracking = /track\/([^?]+)/.exec(filedQr!)![1]!;
    await see(page, '查询结果如下');
    // Its row: approved at once and its licence printed here, the filing is closed as collected.
    const row = page.getByRole('row', { name: new RegExp(tracking) });
    await expect.poll(() => row.innerText()).toMatch(/个体工商户设立登记[\s\S]*已领取，办结/);
    await shot('progress');
    await tap(page, '下一步');
    await tap(page, '结束办理');
    expect((await ended(mark)).reason).toBe('done');
  });

  it('idle timeout: the warning, then the session ends and the page is back at attract with nothing of it', async () => {
    const page = kiosk.page;
    const mark = kiosk.logMark();
    await openService('综合服务类', '取号');
    await see(page, '请选择办理事项类别');
    // The test kiosk's site says idleSeconds 45: the warning shows for the last 20 s.
    await see(page, '您还需要更多时间吗？', 60_000);
    const end = await kiosk.logged('session.ended', () => true, mark);
    expect(end.reason).toBe('timeout');
    await page.getByTestId('attract').waitFor({ state: 'visible' });
    expect(await screenText(page)).not.toContain('请选择办理事项类别');
    expect(await page.evaluate(() => [localStorage.length, Object.keys(sessionStorage)])).toEqual([
      0,
      ['kioskToken'],
    ]);
  });

  it('a device fault mid-journey: the receipt printer runs out of paper, the ticket is held and printed once paper is back', async () => {
    const page = kiosk.page;
    const mark = kiosk.logMark();
    const before = receiptText(await kiosk.sim('receipt', 'last', '20'));
    // Mid-journey: once 取号 is open. Out of paper before it, 取号 is rightly unavailable as soon as
    // the printer's status poll has seen it (a race the test lost when the host was quick).
    await openService('综合服务类', '取号');
    await see(page, '请选择办理事项类别');
    await kiosk.sim('paper', 'out');
    await tap(page, '社会民生类');
    await see(page, '打印机缺纸');
    await expectAccessible(page, 'standard', 'fault: paper out');
    await kiosk.sim('paper', 'ok');
    // The printer took the held job up again: the host tells the flow (its fault goes, the countdown
    // pauses while it prints and starts afresh on the done screen).
    await kiosk.logged('effect.resumed', (l) => l.type === 'print.receipt', mark);
    await see(page, '请取走排队号，留意叫号屏。');
    const after = receiptText(await kiosk.sim('receipt', 'last', '20'));
    expect(after).not.toEqual(before);
    await kiosk.sim('receipt', 'take');
    await tap(page, '结束办理');
    expect((await ended(mark)).reason).toBe('done');
  });

  it('the host killed mid-journey: the page ends the session and returns to attract; the restarted host serves the next citizen', async () => {
    const page = kiosk.page;
    const mark = kiosk.logMark();
    await openService('综合服务类', '取号');
    await see(page, '请选择办理事项类别');
    const host = kiosk.processes().find((p) => p.args.includes('host.mjs'));
    expect(host, 'the device host process').toBeDefined();
    process.kill(host!.pid, 'SIGKILL');
    await kiosk.logged('host.restartScheduled', () => true, mark);
    await page.getByTestId('attract').waitFor({ state: 'visible' });
    expect(await screenText(page)).not.toContain('请选择办理事项类别');
    await kiosk.logged('host.started', () => true, mark);
    const next = kiosk.logMark();
    await page.getByTestId('attract').click();
    await see(page, '请选择要办理的业务');
    await tap(page, '取消办理');
    expect((await ended(next)).reason).toBe('cancel');
  });
});
