import { describe, expect, it } from 'vitest';
import { buildKioskApi, eventMethod, events, invoke, type EventChannel } from './channels';

describe('buildKioskApi', () => {
  const calls: [string, object][] = [];
  const subscribed: string[] = [];
  let readies = 0;
  const api = buildKioskApi({
    invoke: (channel, input) => {
      calls.push([channel, input]);
      return Promise.resolve({ ok: true, value: channel });
    },
    subscribe: (channel) => {
      subscribed.push(channel);
      return () => undefined;
    },
    ready: () => void readies++,
  });
  const area = (c: string) => (api as unknown as Record<string, Record<string, unknown>>)[c.split(':')[0]!]!;

  it('has one method per call channel, sending the input (or {}) on that channel', async () => {
    for (const channel of Object.keys(invoke)) {
      const method = area(channel)[channel.split(':')[1]!] as (i?: object) => Promise<unknown>;
      expect(typeof method, channel).toBe('function');
      await expect(method({ probe: channel })).resolves.toEqual({ ok: true, value: channel });
      expect(calls.at(-1)).toEqual([channel, { probe: channel }]);
      await method();
      expect(calls.at(-1)).toEqual([channel, {}]);
    }
  });

  it('has one on<Name> subscription per event channel', () => {
    for (const channel of Object.keys(events) as EventChannel[]) {
      const method = area(channel)[eventMethod(channel)] as (l: () => void) => () => void;
      expect(typeof method, channel).toBe('function');
      method(() => undefined);
      expect(subscribed.at(-1)).toBe(channel);
    }
    expect(eventMethod('filings:state')).toBe('onState');
  });

  it('reports readiness through the transport', () => {
    api.ready();
    expect(readies).toBe(1);
  });
});
