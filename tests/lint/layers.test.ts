import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import layers, { enginePurity, injectedTime, protocolPurity } from '../../scripts/eslint/layers.mjs';
import { DEVICE_ERROR_CODES, HEALTH_VALUES } from '../../devices/core';
import { FailureCode, Health } from '../../main/ipc/contract';

// Lints source text as if it lived at `file`, with the project's layer rule (type-aware parsing is
// not needed for it, and the virtual files are not in any tsconfig).
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser },
      plugins: { layers },
      rules: { 'layers/boundaries': 'error' },
    },
  ],
});
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/boundaries').map((m) => m.message);
}

describe('layer rules are enforced by lint', () => {
  it.each([
    ['renderer/src/app.ts', "import { SerialPort } from 'serialport';", /renderer never sees/],
    ['renderer/src/app.ts', "import { readFileSync } from 'node:fs';", /renderer never sees/],
    [
      'renderer/src/app.ts',
      "import { CommandQueue } from '../../devices/core';",
      /only renderer\/ and main\/ipc\/contract/,
    ],
    [
      'devices/core/x.ts',
      "import { SerialTransport } from '../transports/serial';",
      /depends on nothing else/,
    ],
    [
      'devices/id-card-reader/driver.ts',
      "import { SerialPort } from 'serialport';",
      /never import native modules/,
    ],
    [
      'devices/id-card-reader/driver.ts',
      "import { memoryPair } from '../transports/memory';",
      /receives a Transport/,
    ],
    ['devices/id-card-reader/driver.ts', "import { SimCard } from './simulator';", /receives a Transport/],
    [
      'devices/id-card-reader/simulator.ts',
      "import { IdCardDriver } from './driver';",
      /must not share code paths/,
    ],
    [
      'devices/id-card-reader/protocol/frame.ts',
      "import { readFileSync } from 'node:fs';",
      /protocol code is pure/,
    ],
    [
      'main/printing/jobs.ts',
      "import { SerialTransport } from '../../devices/transports/serial';",
      /only the composition roots/,
    ],
    [
      'main/printing/jobs.ts',
      "import { encode } from '../../devices/escpos-printer/protocol/encode';",
      /through its index/,
    ],
    ['main/printing/jobs.ts', "import { app } from 'electron';", /only the Electron shell/],
    ['main/ipc/contract/x.ts', "import { readFileSync } from 'node:fs';", /only zod/],
    [
      'main/ipc/contract/x.ts',
      "import { buildRegistry } from '../../device-host/registry';",
      /imports only itself and domain/,
    ],
    // The rest of the table of house style 5.4, row by row.
    ['renderer/src/app.ts', "import { app } from 'electron';", /renderer never sees/],
    ['renderer/src/app.ts', "import Database from 'better-sqlite3';", /renderer never sees/],
    ['renderer/src/app.ts', "import { render } from '../../print-templates';", /only renderer/],
    [
      'renderer/src/app.ts',
      "import { buildRegistry } from '../../main/device-host/registry';",
      /only renderer/,
    ],
    [
      'main/preload/index.ts',
      "import { CommandQueue } from '../../devices/core';",
      /imports only the contract/,
    ],
    ['main/preload/index.ts', "import { readFileSync } from 'node:fs';", /only electron and the contract/],
    [
      'main/ipc/contract/x.ts',
      "import { HEALTH_VALUES } from '../../../devices/core';",
      /pure and self-contained/,
    ],
    ['main/printing/jobs.ts', "import { App } from '../../renderer/src/app';", /never imports the renderer/],
    [
      'main/printing/jobs.ts',
      "import { IdCardReaderDriver } from '../../devices/id-card-reader/driver';",
      /through its index/,
    ],
    [
      'main/printing/jobs.ts',
      "import { IdCardReaderSimulator } from '../../devices/id-card-reader/simulator';",
      /through its index/,
    ],
    ['main/printing/jobs.ts', "import { SerialPort } from 'serialport';", /through devices\/transports/],
    [
      'main/printing/jobs.ts',
      "import { startServer } from '../../backoffice/server';",
      /composition roots start/,
    ],
    ['devices/core/x.ts', "import { z } from 'zod';", /standard library only/],
    ['devices/core/x.ts', "import { readFileSync } from 'node:fs';", /standard library only/],
    ['devices/core/x.ts', "import { SW3 } from '../id-card-reader';", /depends on nothing else/],
    ['devices/core/x.ts', "import { main } from '../../main/cli/main';", /depends on nothing else/],
    ['devices/transports/x.ts', "import { SW3 } from '../id-card-reader';", /know only devices\/core/],
    ['devices/transports/x.ts', "import { loadConfig } from '../../main/config/host-config';", /know only/],
    ['devices/transports/x.ts', "import { app } from 'electron';", /never import electron/],
    [
      'devices/id-card-reader/protocol/frame.ts',
      "import { SerialTransport } from '../../transports/serial';",
      /only its siblings and devices\/core/,
    ],
    [
      'devices/id-card-reader/protocol/frame.ts',
      "import { IdCardReaderDriver } from '../driver';",
      /only its siblings/,
    ],
    [
      'devices/id-card-reader/protocol/frame.ts',
      "import { encode } from '../../escpos-printer/protocol/encode';",
      /only its siblings/,
    ],
    [
      'devices/id-card-reader/protocol/frame.ts',
      "import { SerialPort } from 'serialport';",
      /protocol code is pure/,
    ],
    [
      'devices/id-card-reader/driver.ts',
      "import { EscposPrinterDriver } from '../escpos-printer';",
      /receives a Transport/,
    ],
    ['devices/id-card-reader/driver.ts', "import { readFileSync } from 'node:fs';", /does no I\/O/],
    ['devices/id-card-reader/driver.ts', "import { Socket } from 'node:net';", /does no I\/O/],
    [
      'devices/id-card-reader/driver.ts',
      "import { UsageError } from '../../main/cli/command';",
      /receives a Transport/,
    ],
    ['devices/id-card-reader/driver.ts', "export * from '../transports';", /receives a Transport/],
    ['devices/id-card-reader/driver.ts', "const m = await import('serialport');", /never import native/],
    ['devices/id-card-reader/driver.ts', "const m = require('serialport');", /never import native/],
    ['devices/id-card-reader/driver.ts', "import m = require('serialport');", /never import native/],
    ['devices/id-card-reader/driver.ts', "import { createRequire } from 'node:module';", /by hand/],
    [
      'devices/id-card-reader/diagnostics.ts',
      "import { memoryPair } from '../transports';",
      /receives a Transport/,
    ],
    [
      'devices/id-card-reader/simulator.ts',
      "import { SerialTransport } from '../transports/serial';",
      /must not share code paths/,
    ],
    [
      'devices/id-card-reader/simulator.ts',
      "import { SerialPort } from 'serialport';",
      /never import native/,
    ],
    [
      'devices/id-card-reader/simulator/card-file.ts',
      "import { DEFAULT_TIMEOUTS } from '../driver';",
      /must not share/,
    ],
    ['devices/id-card-reader/index.ts', "export * from '../escpos-printer';", /only its own family/],
    [
      'print-templates/receipt/template.ts',
      "import { EscposPrinterDriver } from '../../devices/escpos-printer/driver';",
      /print templates are pure/,
    ],
    [
      'print-templates/receipt/template.ts',
      "import { SerialPort } from 'serialport';",
      /never touch devices/,
    ],
    ['backoffice/server.ts', "import { CommandQueue } from '../devices/core';", /separate service/],
    ['backoffice/server.ts', "import { SerialPort } from 'serialport';", /never touches kiosk devices/],
    // domain/: pure, imports only itself and zod; its identity part imports nothing at all.
    ['domain/catalogue/x.ts', "import { readFileSync } from 'node:fs';", /may import only zod/],
    ['domain/catalogue/x.ts', "import { Health } from '../../main/ipc/contract';", /imports only domain/],
    ['domain/catalogue/x.ts', "import { CommandQueue } from '../../devices/core';", /imports only domain/],
    [
      'domain/rating/x.ts',
      "import { SERVICES } from '../../backoffice/domain/catalogue';",
      /imports only domain/,
    ],
    ['domain/identity/x.ts', "import { z } from 'zod';", /standard library only/],
    ['domain/identity/x.ts', "import { LocalText } from '../text';", /imports nothing but itself/],
    ['domain/lockers/x.ts', "import { z } from 'zod';", /standard library only/],
    ['devices/core/x.ts', "import { formSchema } from '../../domain/catalogue';", /only domain\/identity/],
    ['devices/id-card-reader/driver.ts', "import { t } from '../../domain/text';", /only domain\/identity/],
    [
      'devices/id-card-reader/protocol/text.ts',
      "import { RatingSubmission } from '../../../domain/rating';",
      /only domain\/identity/,
    ],
    [
      'devices/transports/x.ts',
      "import { maskText } from '../../domain/identity';",
      /know only devices\/core/,
    ],
    ['renderer/src/app.ts', "import { maskName } from '../../domain/identity';", /only renderer/],
    ['main/preload/index.ts', "import { t } from '../../domain/text';", /imports only the contract/],
  ])('%s: %s is rejected', async (file, code, why) => {
    const errors = await layerErrors(file, `${code}\nexport {};\n`);
    expect(errors.join('\n')).toMatch(why);
  });

  it.each([
    ['renderer/src/app.ts', "import { Health } from '../../main/ipc/contract';"],
    ['devices/id-card-reader/driver.ts', "import { CommandQueue } from '../core';"],
    ['main/device-host/host.ts', "import { SerialTransport } from '../../devices/transports/serial';"],
    ['devices/id-card-reader/protocol/frame.ts', "import iconv from 'iconv-lite';"],
    ['devices/id-card-reader/simulator.ts', "import { decodeFrame } from './protocol/frame';"],
    ['devices/id-card-reader/index.ts', "export { IdCardReaderDriver } from './driver';"],
    ['devices/transports/serial.ts', "import { SerialPort } from 'serialport';"],
    ['main/cli/commands/sim-x.ts', "const t = await import('../../../devices/transports');"],
    ['main/printing/jobs.ts', "import { IdCardReaderDriver } from '../../devices/id-card-reader';"],
    ['print-templates/receipt/t.ts', "import type { ReceiptDocument } from '../../devices/escpos-printer';"],
    ['tests/integration/x.test.ts', "import { SerialTransport } from '../../devices/transports/serial';"],
    ['domain/catalogue/x.ts', "import { z } from 'zod';"],
    ['print-templates/receipt/t.ts', "import { formatDateTime } from '../../domain/time';"],
    ['main/printing/jobs.ts', "import { formatDateTime } from '../../domain/time';"],
    ['domain/catalogue/x.ts', "import { maskIdNumber } from '../identity';"],
    ['domain/identity/x.ts', "import { idKindOf } from './id-number';"],
    ['devices/core/logger.ts', "import { maskIdNumber } from '../../domain/identity';"],
    ['devices/pcsc-reader/driver.ts', "import { maskPan } from '../../domain/identity';"],
    ['devices/locker-board/config.ts', "export { DEFAULT_LOCKER_BOARD } from '../../domain/lockers';"],
    [
      'backoffice/console/app/src/pages/locker-panel.tsx',
      "import { DEFAULT_LOCKER_BOARD } from '../../../../../domain/lockers';",
    ],
    [
      'devices/id-card-reader/protocol/text.ts',
      "import { isValidIdNumber } from '../../../domain/identity';",
    ],
    ['main/ipc/contract/x.ts', "import { LocalText } from '../../../domain/text';"],
    ['main/flow/engine.ts', "import { formSchema } from '../../domain/catalogue';"],
    ['backoffice/services/filings.ts', "import { findFilingService } from '../../domain/catalogue';"],
    ['print-templates/_shared/format.ts', "import { maskIdNumber } from '../../domain/identity';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});

describe('the project config turns the layer rule on', () => {
  it.each([
    'renderer/src/x.tsx',
    'devices/core/queue.ts',
    'main/cli/main.ts',
    'backoffice/server.ts',
    'domain/catalogue/service.ts',
  ])('%s', async (file) => {
    const config = (await new ESLint({ cwd: process.cwd() }).calculateConfigForFile(file)) as {
      rules: Record<string, unknown>;
    };
    expect(config.rules['layers/boundaries']).toEqual([2]);
  });
});

describe('protocol code is pure (no clock, no randomness, no timers)', () => {
  const purity = new ESLint({
    cwd: process.cwd(),
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules: protocolPurity },
    ],
  });
  it.each([
    'export const t = Date.now();',
    'export const r = Math.random();',
    'setTimeout(() => undefined, 1);',
    'export const p = performance.now();',
    'export const e = process.env.X;',
  ])('rejects %s', async (code) => {
    const [result] = await purity.lintText(code, { filePath: 'devices/id-card-reader/protocol/x.ts' });
    expect(result?.messages.length).toBeGreaterThan(0);
  });

  it('the project config applies these rules to protocol files and not to their tests', async () => {
    const project = new ESLint({ cwd: process.cwd() });
    const rules = async (file: string) =>
      ((await project.calculateConfigForFile(file)) as { rules: Record<string, unknown> }).rules;
    const source = await rules('devices/id-card-reader/protocol/frame.ts');
    // ESLint normalises 'error' to 2; the option objects are the ones layers.mjs exports.
    for (const rule of ['no-restricted-globals', 'no-restricted-properties']) {
      const [level, ...options] = protocolPurity[rule] as unknown[];
      expect(level).toBe('error');
      expect(source[rule]).toEqual([2, ...options]);
    }
    expect(
      (await rules('devices/id-card-reader/protocol/frame.test.ts'))['no-restricted-globals'],
    ).toBeUndefined();
  });

  it('applies the same purity to the domain layer and the flow engine', async () => {
    const project = new ESLint({ cwd: process.cwd() });
    for (const file of ['domain/catalogue/service.ts', 'main/flow/engine.ts']) {
      const rules = ((await project.calculateConfigForFile(file)) as { rules: Record<string, unknown> })
        .rules;
      for (const rule of ['no-restricted-globals', 'no-restricted-properties']) {
        const [, ...options] = enginePurity[rule] as unknown[];
        expect(rules[rule]).toEqual([2, ...options]);
      }
    }
    const engine = new ESLint({
      cwd: process.cwd(),
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules: enginePurity },
      ],
    });
    for (const code of ['export const id = crypto.randomUUID();', 'export const t = Date.now();']) {
      const [result] = await engine.lintText(code, { filePath: 'main/flow/x.ts' });
      expect(result?.messages[0]?.message).toMatch(/domain and flow-engine code takes (ids|time) as input$/);
    }
  });
});

describe('drivers, simulators and devices/core take time from an injected clock', () => {
  const time = new ESLint({
    cwd: process.cwd(),
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules: injectedTime },
    ],
  });
  it.each([
    'setTimeout(() => undefined, 1);',
    'setInterval(() => undefined, 1);',
    'export const t = Date.now();',
    'export const p = performance.now();',
    'export const s = AbortSignal.timeout(5);',
  ])('rejects %s', async (code) => {
    const [result] = await time.lintText(code, { filePath: 'devices/locker-board/driver.ts' });
    expect(result?.messages[0]?.message).toMatch(/Clock/);
  });

  it('the project config applies it to drivers, simulators and core, not to the clocks, transports or tests', async () => {
    const project = new ESLint({ cwd: process.cwd() });
    const restricted = async (file: string) =>
      ((await project.calculateConfigForFile(file)) as { rules: Record<string, unknown> }).rules[
        'no-restricted-globals'
      ];
    for (const file of [
      'devices/locker-board/driver.ts',
      'devices/escpos-printer/simulator.ts',
      'devices/escpos-printer/simulator/render.ts',
      'devices/core/supervisor.ts',
    ])
      expect(await restricted(file), file).toEqual([
        2,
        ...(injectedTime['no-restricted-globals'] as unknown[]).slice(1),
      ]);
    for (const file of [
      'devices/core/clock.ts',
      'devices/core/manual-clock.ts',
      'devices/transports/serial.ts',
      'devices/locker-board/driver.test.ts',
    ])
      expect(await restricted(file), file).toBeUndefined();
  });
});

describe('vocabularies agree across the IPC boundary', () => {
  it('the contract health values are the device health values', () => {
    expect(Health.options).toEqual([...HEALTH_VALUES]);
  });
  it('every device error code is a contract failure code', () => {
    for (const code of DEVICE_ERROR_CODES) expect(FailureCode.options).toContain(code);
  });
});
