import { describe, expect, test } from 'vitest';
import { StepView } from '../../../main/ipc/contract/flow';
import { renderStep, screenFor, STEP_SCREENS, type FlowEvent } from './index';
import { FallbackStep } from './fallback';
import { renderStatic, textOfHtml } from './render-static';
import { flowWith } from '../shell/harness/fixtures';

describe('step registry', () => {
  test('every key of the registry is a step kind of the contract', () => {
    const kinds = new Set(StepView.options.map((o) => o.shape.kind.value));
    for (const k of Object.keys(STEP_SCREENS)) expect(kinds.has(k as never), k).toBe(true);
  });

  test('a kind with no screen renders the fallback, never a crash', () => {
    expect(screenFor('submit', {})).toBe(FallbackStep);
    const sent: FlowEvent[] = [];
    const flow = flowWith({ kind: 'submit' });
    const html = renderStatic(renderStep(flow, (e) => sent.push(e), {}));
    expect(textOfHtml(html)).toContain('请继续');
    expect(html).toContain('data-testid="step-next"');
  });
});
