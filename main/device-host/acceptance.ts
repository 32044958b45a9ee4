// The acceptance suite: every self-test of a family, in order, against one device (house style 5.5-7,
// node-serialport's one suite for the mock and the real port). The same tests run against the
// simulator in CI, where the simulator stands in for the person at the bench, and against a real
// device on a technician's bench (`yizhan device <family> acceptance`), where the person is asked.
import type { Operator, OperatorRequest, SelfTestResult } from '../../devices/core';
import type { BuiltDevice, FamilyDefinition, SelfTestParams } from './families/types';

/** What the person at the bench is asked, Chinese first. */
export function operatorPrompt(r: OperatorRequest): string {
  switch (r.kind) {
    case 'placeIdCard':
      return '请将测试身份证放在阅读器上 / place the test ID card on the reader';
    case 'removeIdCard':
      return '请取走身份证 / take the ID card off the reader';
    case 'insertCard':
      return r.card === 'bank'
        ? '请插入测试银行卡 / insert the test bank card'
        : '请插入测试社保卡 / insert the test social security card';
    case 'removeCard':
      return '请取出卡片 / take the card out';
    case 'takeReceipt':
      return '请取走凭条 / take the slip from the presenter';
    case 'closeDoor':
      return `请关上 ${r.board} 号板 ${r.door} 号门 / close door ${r.door} of board ${r.board}`;
    case 'presentCode':
      return `请扫描内容为「${r.text}」的二维码 / scan a QR code that reads "${r.text}"`;
  }
}

/** The person at a technician's bench: told what to do; the test then waits for the device to see it. */
export function benchOperator(say: (line: string) => void, patienceMs = 60_000): Operator {
  return {
    patienceMs,
    ask(request) {
      say(operatorPrompt(request));
      return Promise.resolve();
    },
  };
}

/** The simulator standing in for the person (the family says how it places a card, closes a door …). */
export function simulatorOperator<C, S>(
  family: Pick<FamilyDefinition<unknown, C, S>, 'family' | 'operate'>,
  device: BuiltDevice<C, S>,
): Operator {
  return {
    // A simulator does what it is asked at once; a test that waits longer has found a fault.
    patienceMs: 2000,
    async ask(request) {
      if (!device.simulator || !family.operate)
        throw new Error(`${family.family} ${device.id} has no simulator to ${request.kind}`);
      await family.operate(device.simulator, request);
    },
  };
}

export interface AcceptanceReport {
  family: string;
  deviceId: string;
  passed: boolean;
  results: SelfTestResult[];
}

/** Runs every self-test of `device`'s family in order; passed when none failed (a warning passes). */
export async function runAcceptance<C, S>(
  family: FamilyDefinition<unknown, C, S>,
  device: BuiltDevice<C, S>,
  opts: {
    operator: Operator;
    params?: SelfTestParams;
    signal?: AbortSignal;
    onResult?: (r: SelfTestResult) => void;
  },
): Promise<AcceptanceReport> {
  const plan = family.selfTests(device, opts.params ?? {});
  const results = await plan.run({
    operator: opts.operator,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onResult ? { onResult: opts.onResult } : {}),
  });
  return {
    family: family.family,
    deviceId: device.id,
    passed: results.every((r) => r.outcome !== 'fail'),
    results,
  };
}
