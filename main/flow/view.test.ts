// What the page gets: the catalogue list with availability, and the FlowView of every phase,
// checked against the contract's schemas; the channel schemas themselves.
import { describe, expect, it } from 'vitest';
import { SERVICE_LIBRARY, shippedCatalogue, type DeviceRole } from '../../domain/catalogue';
import { Journey, RESIDENT } from '../../tests/helpers/flow-driver';
import { CatalogueView, FlowInput, FlowView, flowChannels } from '../ipc/contract/flow';
import { advance, attract, catalogueView, step, viewOf } from './index';

describe('the catalogue as the page lists it', () => {
  it('marks services whose devices are down unavailable, with the roles missing; the rest stay', () => {
    const usable = new Set<DeviceRole>([
      'idCard',
      'socialSecurityCard',
      'scanner',
      'receiptPrinter',
      'camera',
      'lockers',
    ]);
    const view = CatalogueView.parse(catalogueView(shippedCatalogue('hall'), usable));
    const byId = Object.fromEntries(view.services.map((s) => [s.serviceId, s]));
    expect(byId['social-insurance-certificate']).toMatchObject({ available: false, missing: ['a4Printer'] });
    expect(byId['queue-ticket']).toMatchObject({ available: true });
    expect(byId['queue-ticket']).not.toHaveProperty('missing');
    expect(byId['residence-permit']).toMatchObject({ available: true });
    expect(view.themes[0]).toEqual({
      id: 'socialInsurance',
      name: { zh: '社会保险', en: 'Social insurance' },
    });
  });
});

describe('FlowView in every phase', () => {
  it('attract, browsing, flow, ending and ended all satisfy the contract', () => {
    const catalogue = shippedCatalogue('hall');
    expect(FlowView.parse(viewOf(attract('hall'), catalogue))).toMatchObject({
      phase: 'attract',
      can: { back: false, cancel: false },
      idle: { deadline: null },
    });
    const j = new Journey().start();
    expect(j.view).toMatchObject({ phase: 'browsing', can: { back: false, cancel: true } });
    j.device({ kind: 'card.inserted', role: 'idCard' }).answer('device.readIdentity', RESIDENT);
    j.input({ kind: 'cancel' });
    expect(j.view).toMatchObject({ phase: 'ending', reminders: [{ kind: 'cardLeft', role: 'idCard' }] });
    expect(j.view.identity).toBeDefined();
    j.device({ kind: 'card.removed', role: 'idCard' });
    expect(j.view).toMatchObject({ phase: 'ended', ended: { reason: 'cancel', outcome: 'abandoned' } });
    expect(j.view.identity).toBeUndefined();
  });

  it('step(definition, …) is advance(catalogue, …) for the running service', () => {
    const j = new Journey().start().choose('copy');
    const def = SERVICE_LIBRARY.find((s) => s.serviceId === 'copy')!;
    const event = {
      type: 'input',
      at: j.now + 1,
      input: { kind: 'capture', material: 'copy', ref: 'p', pages: 1 },
    } as const;
    expect(step(def, j.state, event)).toEqual(advance(j.catalogue, j.state, event));
  });
});

describe('the channel schemas', () => {
  it('take what the page may send and refuse what it may not', () => {
    expect(FlowInput.safeParse({ kind: 'choose', value: 'locker' }).success).toBe(true);
    // The page cannot inject an identity or a device answer: those come from the host only.
    expect(FlowInput.safeParse({ kind: 'identity', identity: RESIDENT }).success).toBe(false);
    expect(FlowInput.safeParse({ kind: 'next', extra: 1 }).success).toBe(false);
    expect(flowChannels.invoke['flow:send'].input.safeParse({ input: { kind: 'back' } }).success).toBe(true);
    expect(flowChannels.invoke['session:start'].input.safeParse({ sessionId: 'x' }).success).toBe(false);
    expect(Object.keys(flowChannels.invoke)).toEqual([
      'catalogue:list',
      'session:start',
      'session:cancel',
      'session:extend',
      'flow:send',
      'flow:back',
      'flow:capture',
    ]);
    expect(Object.keys(flowChannels.events)).toEqual(['flow:view', 'session:ended']);
  });
});
