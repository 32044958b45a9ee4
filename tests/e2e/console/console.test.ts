// Staff console end to end in Chromium against the real back office on SQLite: clerk accepts,
// supervisor approves, clerk attaches the result and assigns a locker (pickup code shown once and
// really accepted by the kiosk API); the technician sees the fleet fault and cannot decide.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_FLAGS,
  CONSOLE_KIOSK,
  startConsoleFixture,
  type ConsoleFixture,
} from '../../helpers/console-server';
import { DEFAULT_LOCKER_BOARD, DEFAULT_LOCKER_PROTOCOL } from '../../../devices/locker-board';
import { BackofficeClient } from '../../../main/backend';
import { callApi, registerKiosk, staffLogin } from '../../helpers/outbox-service';

const CHROMIUM = '/usr/bin/chromium';
// Server-side work (PDF rendering with a CJK font) can take seconds on a loaded machine.
const POLL = { timeout: 30_000, interval: 200 };
let dir: string;
let fx: ConsoleFixture;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} missing: run scripts/setup-system.sh (Debian package chromium)`);
  dir = mkdtempSync(path.join(tmpdir(), 'yizhan-console-e2e-'));
  fx = await startConsoleFixture(path.join(dir, 'server'));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await fx?.service.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function loginAs(role: 'clerk' | 'supervisor' | 'technician'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${fx.service.url}/console/`);
  await page.getByLabel('用户名 Username').fill(role);
  await page.getByLabel('密码 Password').fill(`${role}-dev-2026`);
  await page.getByRole('button', { name: '登录 Sign in' }).click();
  await page.getByTestId('whoami').waitFor();
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  if (process.env.CONSOLE_SHOTS)
    await page.screenshot({ path: path.join(process.env.CONSOLE_SHOTS, `${name}.png`), fullPage: true });
}

describe('staff console', () => {
  it(
    'clerk accepts, supervisor approves, clerk issues the result and a locker pickup code',
    { timeout: 90_000 },
    async () => {
      const target = fx.filings[0]!;
      const clerk = await loginAs('clerk');
      const queue = clerk.getByTestId('queue');
      for (const f of fx.filings)
        await expect.poll(() => queue.textContent(), POLL).toContain(f.trackingNumber);
      await shot(clerk, 'queue');
      // A citizen at the window gives an ID number, then a tracking number: only their filing is listed.
      const search = clerk.getByLabel('办件编号或身份证号 Tracking no. or ID');
      for (const term of [target.idNumber, target.trackingNumber]) {
        await search.fill(term);
        await expect.poll(() => queue.getByRole('link').count(), POLL).toBe(1);
        expect(await queue.textContent()).toContain(target.trackingNumber);
      }
      await search.fill('');
      await expect.poll(() => queue.getByRole('link').count(), POLL).toBe(fx.filings.length);

      await queue.getByRole('link', { name: target.trackingNumber }).click();
      const status = clerk.getByTestId('filing-status');
      await expect.poll(() => status.textContent(), POLL).toContain('已提交');
      expect(await clerk.locator('.card').first().textContent()).toContain(target.applicantName);
      expect(await clerk.getByTestId('form-data').textContent()).toContain('综合申请测试');
      await expect.poll(() => clerk.getByTestId('material').count(), POLL).toBeGreaterThan(0);
      await clerk.getByRole('button', { name: '受理 Accept' }).click();
      await expect.poll(() => status.textContent(), POLL).toContain('已受理');
      expect(await clerk.getByRole('button', { name: '批准 Approve' }).count()).toBe(0);

      const supervisor = await loginAs('supervisor');
      await supervisor.goto(`${fx.service.url}/console/#/filings/${target.filingId}`);
      await supervisor.getByRole('button', { name: '批准 Approve' }).click();
      await expect
        .poll(() => supervisor.getByTestId('filing-status').textContent(), POLL)
        .toContain('已批准');

      await clerk.reload();
      await clerk.getByRole('button', { name: '生成结果文书 Generate result' }).click();
      await expect.poll(() => status.textContent(), POLL).toContain('结果已出');
      await clerk.getByTestId('open-result').waitFor();
      await clerk.getByLabel('柜号 Cabinet').fill('C1');
      await clerk.getByLabel('门号 Door').fill('7');
      await clerk.getByRole('button', { name: '分配柜门 Assign door' }).click();
      const code = (await clerk.getByTestId('pickup-code').textContent())?.trim() ?? '';
      expect(code).toMatch(/^\d{6,8}$/);
      await shot(clerk, 'filing');

      // The code on screen is the one the locker kiosk will accept.
      const grant = await fx.kiosk.verifyPickup({ code });
      expect(grant).toMatchObject({ filingId: target.filingId, cabinetId: 'C1', door: 7 });
      // Shown once: after a reload the code is gone.
      await clerk.reload();
      await clerk.getByTestId('filing-status').waitFor();
      expect(await clerk.getByTestId('pickup-code').count()).toBe(0);
    },
  );

  it('shows which door holds what, and lets the clerk empty doors', { timeout: 60_000 }, async () => {
    const papers = fx.filings[4]!;
    await fx.kiosk.lockerDeposit({ filingId: papers.filingId, cabinetId: 'C1', board: 1, door: 8 });
    const clerk = await loginAs('clerk');
    await clerk.getByRole('link', { name: '智能柜 Lockers' }).click();
    const table = clerk.getByTestId('lockers');
    // Door 7 holds the result released to the citizen in the first test; door 8 the deposited papers.
    const released = clerk.getByTestId('door-C1-1-7');
    const deposited = clerk.getByTestId('door-C1-1-8');
    await expect.poll(() => deposited.textContent(), POLL).toContain(papers.trackingNumber);
    expect(await deposited.textContent()).toContain('申请人存入材料');
    expect(await released.textContent()).toContain(fx.filings[0]!.trackingNumber);
    await shot(clerk, 'lockers');
    await deposited.getByRole('button', { name: '已取出 Retrieved' }).click();
    await expect.poll(() => clerk.getByTestId('door-C1-1-8').count(), POLL).toBe(0);
    await released.getByRole('button', { name: '取回 Withdraw' }).click();
    await expect.poll(() => table.textContent(), POLL).toContain('柜门全部空闲');
    // The service agrees: nothing is left in the doors.
    const token = await staffLogin(fx.service.url, 'clerk');
    const doors = await callApi<{ doors: unknown[] }>(`${fx.service.url}/api/v1/lockers/doors`, { token });
    expect(doors.doors).toEqual([]);
  });

  it(
    'supervisor rejects with a reason; clerk asks for more and the applicant sees it',
    { timeout: 90_000 },
    async () => {
      const [rejected, more] = [fx.filings[3]!, fx.filings[4]!];
      const clerk = await loginAs('clerk');
      for (const f of [rejected, more]) {
        await clerk.goto(`${fx.service.url}/console/#/filings/${f.filingId}`);
        await clerk.getByRole('button', { name: '受理 Accept' }).click();
        await expect.poll(() => clerk.getByTestId('filing-status').textContent(), POLL).toContain('已受理');
      }
      const supervisor = await loginAs('supervisor');
      await supervisor.goto(`${fx.service.url}/console/#/filings/${rejected.filingId}`);
      await supervisor.getByRole('button', { name: '不予批准 Reject' }).click();
      await expect.poll(() => supervisor.getByRole('alert').textContent(), POLL).toContain('请填写理由');
      await supervisor.getByLabel('理由 Reason（驳回、补正必填）').fill('申请事项不属于本中心受理范围');
      await supervisor.getByRole('button', { name: '不予批准 Reject' }).click();
      await expect
        .poll(() => supervisor.getByTestId('filing-status').textContent(), POLL)
        .toContain('不予批准');
      expect(await supervisor.locator('.card').first().textContent()).toContain('不属于本中心受理范围');

      await clerk.goto(`${fx.service.url}/console/#/filings/${more.filingId}`);
      await clerk.getByLabel('理由 Reason（驳回、补正必填）').fill('身份证复印件不清晰');
      await clerk.getByLabel('需补正材料 Missing（逗号分隔）').fill('身份证复印件，户口本首页');
      await clerk.getByRole('button', { name: '要求补正 Ask for more' }).click();
      await expect.poll(() => clerk.getByTestId('filing-status').textContent(), POLL).toContain('待补正');
      await shot(clerk, 'needs-more');
      const seen = await fx.kiosk.progressByApplicant(more.idNumber, more.applicantName);
      expect(seen).toContainEqual(
        expect.objectContaining({
          trackingNumber: more.trackingNumber,
          status: 'needsMore',
          missing: ['身份证复印件', '户口本首页'],
          decisionReason: '身份证复印件不清晰',
        }),
      );
    },
  );

  it(
    'clerk attaches a PDF prepared outside as the result, and the kiosk gets those bytes',
    { timeout: 90_000 },
    async () => {
      const f = fx.filings[1]!;
      const clerk = await loginAs('clerk');
      await clerk.goto(`${fx.service.url}/console/#/filings/${f.filingId}`);
      await clerk.getByRole('button', { name: '受理 Accept' }).click();
      await expect.poll(() => clerk.getByTestId('filing-status').textContent(), POLL).toContain('已受理');
      const supervisor = await loginAs('supervisor');
      await supervisor.goto(`${fx.service.url}/console/#/filings/${f.filingId}`);
      await supervisor.getByRole('button', { name: '批准 Approve' }).click();
      await expect
        .poll(() => supervisor.getByTestId('filing-status').textContent(), POLL)
        .toContain('已批准');
      await clerk.reload();
      const pdf = Buffer.from('%PDF-1.4\n% 窗口出具的结果文书\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
      await clerk
        .getByLabel('或上传PDF Upload a PDF')
        .setInputFiles({ name: '结果.pdf', mimeType: 'application/pdf', buffer: pdf });
      await expect.poll(() => clerk.getByTestId('filing-status').textContent(), POLL).toContain('结果已出');
      // The applicant's ID card at the kiosk: progress by identity gives the result to print.
      const mine = (await fx.kiosk.progressByApplicant(f.idNumber, f.applicantName)).find(
        (i) => i.filingId === f.filingId,
      );
      const printed = await fx.kiosk.resultDocument(mine!.resultUrl!);
      expect(Buffer.compare(Buffer.from(printed), pdf)).toBe(0);
    },
  );

  it('lists ratings and exports them as CSV', { timeout: 60_000 }, async () => {
    const clerk = await loginAs('clerk');
    await clerk.getByRole('link', { name: '好差评 Ratings' }).click();
    const table = clerk.getByTestId('ratings');
    await expect.poll(() => table.textContent(), POLL).toContain(fx.filings[2]!.trackingNumber);
    expect(await table.textContent()).toContain('排队等待时间太长');
    await shot(clerk, 'ratings');
    const [download] = await Promise.all([
      clerk.waitForEvent('download'),
      clerk.getByRole('button', { name: '导出CSV Export CSV' }).click(),
    ]);
    const file = path.join(dir, 'ratings.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain(fx.filings[2]!.trackingNumber);
    expect(csv).toContain('排队等待时间太长');
  });

  it(
    'technician sees the fleet with the faulty printer and cannot decide filings',
    { timeout: 60_000 },
    async () => {
      // The fixture's kiosk beat once at the start; a live kiosk keeps beating, so beat now (on a
      // loaded machine this test may run more than two heartbeat intervals later: 心跳延迟).
      await fx.heartbeat();
      const tech = await loginAs('technician');
      const card = tech.getByTestId(`kiosk-${CONSOLE_KIOSK}`);
      await card.waitFor();
      expect(await card.textContent()).toContain('在线');
      const faults = await card.getByTestId('faults').textContent();
      expect(faults).toContain('receipt-printer');
      expect(faults).toContain('硬件故障');
      expect(await tech.getByRole('link', { name: '办件队列 Queue' }).count()).toBe(0);
      expect(await card.getByTestId('health').textContent()).toContain('可办 1/2');
      await shot(tech, 'fleet');
      // Which kiosks cannot offer 取号 now: this one (its printer); none can offer it.
      await tech.getByTestId('fleet-service').selectOption('queue-ticket');
      await expect.poll(() => tech.getByTestId('fleet').textContent(), POLL).toContain(CONSOLE_KIOSK);
      await shot(tech, 'fleet-cannot-offer');
      await tech.getByTestId('fleet-can').selectOption('canOffer');
      await expect.poll(() => tech.getByTestId('fleet').textContent(), POLL).toContain('没有符合的终端');

      const other = fx.filings[2]!;
      await tech.goto(`${fx.service.url}/console/#/filings/${other.filingId}`);
      await tech.getByTestId('readonly-note').waitFor();
      expect(await tech.getByRole('button', { name: '受理 Accept' }).count()).toBe(0);
      expect(await tech.getByText(other.applicantName).count()).toBe(0);
      await tech.getByRole('link', { name: '智能柜 Lockers' }).click();
      await tech.getByTestId('lockers').waitFor();
      expect(await tech.getByRole('button', { name: '取回 Withdraw' }).count()).toBe(0);

      // And the service refuses it too, whatever the UI shows.
      const token = await staffLogin(fx.service.url, 'technician');
      for (const [url, method] of [
        [`${fx.service.url}/api/v1/staff/filings/${other.filingId}/accept`, 'POST'],
        [`${fx.service.url}/api/v1/filings/${other.filingId}`, 'GET'],
      ] as const) {
        await expect(
          callApi(url, { method, token, ...(method === 'POST' ? { json: {} } : {}) }),
        ).rejects.toThrow(/403/);
      }
    },
  );
});

describe('staff console: service entry, devices in words, 取号, 好差评 and locker delivery', () => {
  it('leads from the service root to the console and serves an icon', async () => {
    const root = await fetch(`${fx.service.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    const icon = await fetch(`${fx.service.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    expect(await icon.text()).toContain('<svg');
    const page = await loginAs('clerk');
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/console/favicon.svg');
  });

  it('shows each device’s condition in words, inside its card', { timeout: 60_000 }, async () => {
    const tech = await loginAs('technician');
    const card = tech.getByTestId(`kiosk-${CONSOLE_KIOSK}`);
    await card.waitFor();
    expect(await tech.getByTestId('condition-receipt-printer').textContent()).toContain('缺纸');
    expect(await card.textContent()).not.toContain('{"');
    const box = await card.boundingBox();
    const table = await card.locator('table').boundingBox();
    expect(table!.x + table!.width).toBeLessThanOrEqual(box!.x + box!.width);
    // The simulated citizen-data provider can be taken down for a drill, and brought back.
    const panel = tech.getByTestId('providers');
    await panel.getByRole('button', { name: '模拟中断 Take down' }).click();
    await expect.poll(() => panel.textContent(), POLL).toContain('已模拟中断');
    await shot(tech, 'fleet-words');
    await panel.getByRole('button', { name: '恢复 Bring up' }).click();
    await expect.poll(() => panel.textContent(), POLL).toContain('可用');
  });

  it('calls 取号 tickets at a counter, appointments first', { timeout: 60_000 }, async () => {
    const walkIn = await fx.kiosk.takeTicket('social');
    const person = { idNumber: '110105200001011238', name: '张晓明' };
    const booked = (await fx.kiosk.appointmentsToday(person)).find((a) => a.status === 'booked')!;
    const { ticket: priority } = await fx.kiosk.checkIn(booked.appointmentId, person);
    const clerk = await loginAs('clerk');
    await clerk.getByRole('link', { name: '叫号 Calling' }).click();
    await clerk.getByLabel('本窗口 Counter').fill('3号窗口');
    for (const theme of new Set([walkIn.ticket.theme, priority.theme])) {
      await clerk.getByTestId('queues').waitFor();
      const name = walkIn.ticket.theme === theme ? walkIn.ticket.themeNameZh : priority.themeNameZh;
      await clerk.getByRole('checkbox', { name: new RegExp(name) }).check();
    }
    const call = clerk.getByRole('button', { name: '叫下一位 Call next' });
    await call.click();
    const label = clerk.getByTestId('called-label');
    await expect.poll(() => label.textContent(), POLL).toBe(priority.label);
    await shot(clerk, 'calling');
    await clerk.getByRole('button', { name: '过号 No-show' }).click();
    await expect.poll(() => clerk.getByTestId('now-serving').textContent(), POLL).toContain('暂无叫号');
    await call.click();
    await expect.poll(() => label.textContent(), POLL).toBe(walkIn.ticket.label);
  });

  it('records the call-back of a 差评', { timeout: 60_000 }, async () => {
    const clerk = await loginAs('clerk');
    await clerk.getByRole('link', { name: '好差评 Ratings' }).click();
    const row = clerk.getByTestId(`rating-${fx.filings[2]!.trackingNumber}`);
    await expect.poll(() => row.textContent(), POLL).toContain('待回访');
    expect(await row.textContent()).toContain('排队等候时间过长');
    await row.getByRole('button', { name: '记录回访 Record call' }).click();
    await row.getByLabel('回访情况 What was said and done').fill('已致电致歉，增开窗口');
    await row.getByRole('button', { name: '保存 Save' }).click();
    await expect.poll(() => row.textContent(), POLL).toContain('已回访');
    await shot(clerk, 'ratings-callback');
  });

  it(
    'warns before a door takes the result of a 自助打印 filing, and writes it in the history',
    { timeout: 90_000 },
    async () => {
      const plan = fx.filings[0]!;
      const { filing } = await fx.kiosk.createFiling(
        {
          serviceId: 'generic-application',
          kioskId: CONSOLE_KIOSK,
          applicant: { idNumber: plan.idNumber, name: plan.applicantName },
          form: { subject: '自助打印的结果' },
          delivery: { method: 'print' },
        },
        'console-e2e-print-delivery',
      );
      const clerkToken = await staffLogin(fx.service.url, 'clerk');
      const supervisorToken = await staffLogin(fx.service.url, 'supervisor');
      for (const [step, token, json] of [
        ['accept', clerkToken, {}],
        ['approve', supervisorToken, {}],
        ['result', clerkToken, { generate: true }],
      ] as const) {
        await callApi(`${fx.service.url}/api/v1/staff/filings/${filing.filingId}/${step}`, {
          method: 'POST',
          token,
          json,
        });
      }
      const clerk = await loginAs('clerk');
      await clerk.goto(`${fx.service.url}/console/#/filings/${filing.filingId}`);
      const warning = clerk.getByTestId('delivery-warning');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('自助打印');
      const assign = clerk.getByRole('button', { name: '改为柜取并分配 Change and assign' });
      expect(await assign.isDisabled()).toBe(true);
      // The door form defaults to the kiosk's own default cabinet (devices/locker-board, from domain/lockers).
      expect(await clerk.getByLabel('板号 Board').inputValue()).toBe(String(DEFAULT_LOCKER_BOARD));
      expect(await clerk.getByTestId('default-cabinet').textContent()).toContain(
        `${DEFAULT_LOCKER_PROTOCOL.toUpperCase()} 协议`,
      );
      await clerk.getByLabel('柜号 Cabinet').fill('C2');
      await clerk.getByLabel('门号 Door').fill('3');
      await clerk.getByLabel('改为柜取原因 Reason for the change').fill('申请人电话要求改为柜取');
      await shot(clerk, 'locker-warning');
      await assign.click();
      await clerk.getByTestId('pickup-code').waitFor();
      const history = clerk.locator('table.grid').last();
      await expect.poll(() => history.textContent(), POLL).toContain('分配柜门');
      expect(await history.textContent()).toContain(
        '取件方式由自助打印改为智能柜领取：申请人电话要求改为柜取',
      );
      expect(await clerk.locator('.card').first().textContent()).toContain('智能柜领取');
      await shot(clerk, 'locker-history');
    },
  );

  it(
    'alerts every staff page while a lockout stops guessing at a kiosk (last: the banner stays)',
    { timeout: 60_000 },
    async () => {
      const credential = await registerKiosk(fx.service.url, 'hall-09', '二楼自助机');
      const guesser = new BackofficeClient({
        baseUrl: fx.service.url,
        kioskId: 'hall-09',
        credential,
        timeoutMs: 10_000,
      });
      const outcomes: unknown[] = [];
      for (let i = 0; i < 5; i++)
        outcomes.push(await guesser.verifyPickup({ code: `1234567${i}` }).catch((e: unknown) => e));
      expect(outcomes.slice(0, 4)).toEqual([null, null, null, null]);
      expect(outcomes[4]).toMatchObject({ status: 423 });
      const technician = await loginAs('technician');
      const banner = technician.getByTestId('security-alerts');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('终端 hall-09 取件码连续输错');
      expect(await banner.textContent()).toContain('刷身份证取件不受影响');
      await shot(technician, 'security-alert');
    },
  );
});
