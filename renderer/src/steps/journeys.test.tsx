// The journey step screens as the host's views make them: what each shows in Chinese, in English
// and in elder mode, from fixed views typed by the contract (a static render: the first paint).
import { describe, expect, test } from 'vitest';
import { FlowView } from '../../../main/ipc/contract/flow';
import { flowWith } from '../shell/harness/fixtures';
import { renderStep, type FlowEvent } from './index';
import { afterCodeKey } from './enter-code';
import { renderStatic, textOfHtml, type StaticOptions } from './render-static';

type Body = Parameters<typeof flowWith>[0];

function show(body: Body, opts: StaticOptions = {}, extra: Parameters<typeof flowWith>[1] = {}) {
  const flow = flowWith(body, extra);
  // Every fixture is what the host could really send.
  expect(FlowView.safeParse(flow).error).toBeUndefined();
  const sent: FlowEvent[] = [];
  const html = renderStatic(
    renderStep(flow, (e) => sent.push(e)),
    opts,
  );
  return { html, text: textOfHtml(html) };
}

const levels = [5, 4, 3, 2, 1].map((level) => ({
  level,
  label: { zh: ['', '非常不满意', '不满意', '基本满意', '满意', '非常满意'][level]!, en: `level ${level}` },
  poor: level <= 2,
  options: level <= 2 ? [{ id: 'slow', label: { zh: '办理时间长', en: 'Took too long' } }] : [],
}));

describe('locker screens', () => {
  test('deposit: the door the host opened, and "I have closed the door" while it is open', () => {
    const { text, html } = show({ kind: 'lockerDeposit', state: 'open', door: 'A-07' });
    expect(text).toContain('投递材料');
    expect(text).toContain('柜门已打开，请放入材料后关好柜门');
    expect(text).toContain('柜门号 A-07');
    expect(html).toContain('data-testid="locker-closed"');
    expect(show({ kind: 'lockerDeposit', state: 'open', door: 'A-07' }, { locale: 'en' }).text).toContain(
      'The locker is open: put your documents in and close the door',
    );
  });

  test('pickup: opening is a wait in words; done says the door is recorded, and "close the door" while the sensor sees it open', () => {
    expect(show({ kind: 'lockerPickup', state: 'opening' }).text).toContain('正在打开柜门');
    const done = show(
      { kind: 'lockerPickup', state: 'done', door: 'A-03' },
      { locale: 'en' },
      { reminders: [{ kind: 'doorOpen', door: 'A-03' }] },
    );
    expect(done.text).toContain('Collected; door A-03 is recorded as empty');
    expect(done.text).toContain('Please close the locker door');
    expect(show({ kind: 'lockerPickup', state: 'done', door: 'A-03' }).text).not.toContain('请关好柜门');
  });
});

describe('queue ticket and check-in', () => {
  test('the number, people waiting ahead and the counter, in both languages and in elder mode', () => {
    const ticket = { number: 'A023', waiting: 4, counter: '3号窗口' };
    expect(show({ kind: 'queueTicket', ticket }).text).toContain(
      'A023 前面还有 4 人等候 请到3号窗口等候叫号',
    );
    expect(show({ kind: 'queueTicket', ticket: { ...ticket, waiting: 1 } }, { locale: 'en' }).text).toContain(
      '1 person ahead of you',
    );
    expect(
      show({ kind: 'queueTicket', ticket: { ...ticket, waiting: 0 } }, { mode: 'elder' }).text,
    ).toContain('马上就到您');
    expect(show({ kind: 'queueTicket' }).text).toContain('正在取号，请稍候');
    expect(show({ kind: 'checkIn', ticket }).text).toContain('签到成功，这是您的号码');
  });
});

describe('rate', () => {
  test('five levels with the host labels; skip only when optional', () => {
    const body = {
      kind: 'rate',
      subject: { trackingNumber: 'YZ20261205-000123X' },
      levels,
      textMax: 200,
      optional: true,
    } as const;
    const { text, html } = show(body);
    for (const l of ['非常满意', '满意', '基本满意', '不满意', '非常不满意']) expect(text).toContain(l);
    expect(text).toContain('办件编号 YZ20261205-000123X');
    expect(html.match(/data-level=/g)).toHaveLength(5);
    expect(html).toContain('data-testid="rate-skip"');
    // Nothing chosen yet: nothing to send.
    expect(html).toMatch(/disabled=""[^>]*data-testid="rate-send"|data-testid="rate-send"[^>]*disabled/);
    expect(show({ ...body, optional: false }).html).not.toContain('rate-skip');
    expect(show({ ...body, error: [{ path: 'options', message: 'x' }] }, { locale: 'en' }).text).toContain(
      'Your rating could not be sent',
    );
  });
});

describe('lookup', () => {
  test('rows and the table as the host formatted them', () => {
    const { text } = show({
      kind: 'lookup',
      query: 'progress',
      result: {
        rows: [{ label: { zh: '办件状态', en: 'Status' }, value: '已办结' }],
        table: { columns: [{ zh: '险种', en: 'Scheme' }], rows: [['企业职工基本养老保险']] },
      },
    });
    expect(text).toContain('查询结果如下');
    expect(text).toContain('办件状态 已办结');
    expect(text).toContain('险种 企业职工基本养老保险');
    expect(show({ kind: 'lookup', query: 'progress' }, { locale: 'en' }).text).toContain('Looking it up');
  });
});

describe('enter a code', () => {
  test("a pickup code on the digit pad; a case number with the scanner offered; the host's format error", () => {
    const pickup = show({ kind: 'enterCode', code: 'pickupCode', input: 'digits', scan: false });
    expect(pickup.text).toContain('请输入取件码');
    expect(pickup.html).toContain('data-testid="code-entry"');
    const tracking = show(
      { kind: 'enterCode', code: 'trackingNumber', input: 'letters', scan: true, error: 'format' },
      { locale: 'en', mode: 'elder' },
    );
    expect(tracking.text).toContain('Enter the case number');
    expect(tracking.text).toContain("Or hold your receipt's QR code to the scanner window");
    expect(tracking.text).toContain('That code is not valid; please check it');
  });

  test('the case-number pad types digits, capitals and the hyphen only', () => {
    let v = '';
    for (const k of ['y', 'z', '2', '-', '{bksp}', '-', '!', '0']) v = afterCodeKey(v, k);
    expect(v).toBe('YZ2-0');
    expect(afterCodeKey('YZ1', '{clear}')).toBe('');
  });
});
