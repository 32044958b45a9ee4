import { describe, expect, it } from 'vitest';
import { sleep } from './clock';
import { ManualClock } from './manual-clock';

describe('ManualClock', () => {
  it('fires timers in due order (ties in the order they were set), each at its own time', async () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    const at = (name: string) => () => fired.push(`${name}@${clock.monotonic()}`);
    clock.setTimer(30, at('c'));
    clock.setTimer(10, at('a'));
    clock.setTimer(10, at('b'));
    const cancel = clock.setTimer(20, at('never'));
    cancel();
    cancel();
    await clock.advance(29);
    expect(fired).toEqual(['a@10', 'b@10']);
    expect(clock.monotonic()).toBe(29);
    await clock.advance(1);
    expect(fired).toEqual(['a@10', 'b@10', 'c@30']);
    expect(clock.pending).toBe(0);
  });

  it('fires, within one advance, the timers that fired timers set inside the window', async () => {
    const clock = new ManualClock();
    const ticks: number[] = [];
    const loop = async () => {
      for (;;) {
        await sleep(25, undefined, clock);
        ticks.push(clock.monotonic());
      }
    };
    void loop();
    await clock.advance(100);
    expect(ticks).toEqual([25, 50, 75, 100]);
    expect(clock.pendingDelays()).toEqual([25]);
  });

  it('gives wall time from its epoch and monotonic time from zero', async () => {
    const clock = new ManualClock({ epoch: 1_000_000 });
    await clock.advance(1500);
    expect([clock.now(), clock.monotonic()]).toEqual([1_001_500, 1500]);
    expect(new ManualClock().now()).toBe(Date.parse('2026-01-01T00:00:00+08:00'));
  });

  it('run() jumps from timer to timer until the work is done', async () => {
    const clock = new ManualClock();
    const work = (async () => {
      await sleep(1000, undefined, clock);
      await sleep(59_000, undefined, clock);
      return clock.monotonic();
    })();
    await expect(clock.run(work)).resolves.toBe(60_000);
  });

  it('run() fails at once when the work waits with nothing scheduled, instead of hanging', async () => {
    const clock = new ManualClock();
    await expect(clock.run(new Promise(() => undefined))).rejects.toThrow(/nothing is scheduled/);
  });

  it('run() gives up after its limit of clock time', async () => {
    const clock = new ManualClock();
    const forever = (async () => {
      for (;;) await sleep(100, undefined, clock);
    })();
    await expect(clock.run(forever, { limitMs: 1000 })).rejects.toThrow(/within 1000 ms/);
    expect(clock.monotonic()).toBe(1000);
  });

  it('does not move time while a watched source is busy', async () => {
    let busy = true;
    const clock = new ManualClock({ busy: () => busy });
    let fired = false;
    clock.setTimer(5, () => (fired = true));
    const advancing = clock.advance(10);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(fired).toBe(false);
    busy = false;
    await advancing;
    expect(fired).toBe(true);
  });
});
