// The document camera. The page opens it (UVC through getUserMedia; Chromium's fake capture when
// simulated) and captures pages; the host only says what the camera is and assembles the PDF.
import { z } from 'zod';
import { StatusCell, type DeviceManifest } from '../../../devices/core';
import { buildScanPdf, MAX_PAGES, PAPER_KINDS, type ScanPaper, type ScanPdfOptions } from '../../scanning';
import { selfTestPlan, statusOf } from './link';
import { defineFamily, type BuiltDevice } from './types';

const Options = z
  .object({
    /** Pages one material may have. */
    maxPages: z.number().int().min(1).max(MAX_PAGES).default(20),
    /** What can be laid under it: A4 sheets and ID-1 cards (ID card, bank card). */
    papers: z
      .array(z.enum(PAPER_KINDS))
      .min(1)
      .default([...PAPER_KINDS]),
  })
  .strict();
export type DocumentCameraOptions = z.infer<typeof Options>;

/**
 * The camera's manifest (devices/core/contract.ts). Its driver lives in the page (renderer/src/capture),
 * so it has no devices/ folder: the frame self-test runs there, the host only declares it.
 */
export const documentCameraManifest = {
  family: 'document-camera',
  roles: ['camera'],
  config: Options,
  counters: [],
  selfTests: [{ id: 'camera.frame', title: 'diag.camera.frame', kind: 'check' }],
} as const satisfies DeviceManifest<DocumentCameraOptions>;

export interface CameraCapability {
  /** Which video input the page should open (a part of its label); undefined: the first one. */
  label: string | undefined;
  simulated: boolean;
  maxPages: number;
  papers: readonly ScanPaper[];
}

export interface CameraCommands {
  capability(): CameraCapability;
  /** The captured pages (JPEG, from the page) as one PDF, checked against the budgets (main/scanning). */
  assemblePdf(request: unknown, options?: ScanPdfOptions): Promise<Buffer>;
}

export const documentCamera = defineFamily({
  family: documentCameraManifest.family,
  roles: documentCameraManifest.roles,
  transports: ['camera', 'simulated'],
  options: Options,
  manifest: documentCameraManifest,
  // The frame self-test runs in the page, which owns the camera; the host has none to run.
  selfTests: () => selfTestPlan([], undefined),
  build(spec): Promise<BuiltDevice<CameraCommands>> {
    const cell = new StatusCell(spec.id, 'document-camera', { capture: 'inPage' as const });
    // The host cannot see a camera the page owns; it is there as configured until the page says otherwise.
    cell.update({ health: 'online' });
    const capability: CameraCapability = {
      label: spec.transport.kind === 'camera' ? spec.transport.label : undefined,
      simulated: spec.transport.kind === 'simulated',
      maxPages: spec.options.maxPages,
      papers: spec.options.papers,
    };
    return Promise.resolve({
      id: spec.id,
      family: spec.family,
      ...statusOf(cell),
      condition: () => 'ready',
      linkProblem: () => undefined,
      commands: {
        capability: () => ({ ...capability }),
        assemblePdf: (request, options) =>
          buildScanPdf(request, options).then((pdf) => {
            const pages = (request as { pages?: unknown[] }).pages?.length ?? 0;
            if (pages > capability.maxPages)
              throw new RangeError(`${pages} pages: this camera takes at most ${capability.maxPages}`);
            return pdf;
          }),
      },
      stop: () => Promise.resolve(),
    });
  },
});
