import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import layers from '../../scripts/eslint/layers.mjs';
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
  ])('%s: %s is rejected', async (file, code, why) => {
    const errors = await layerErrors(file, `${code}\nexport {};\n`);
    expect(errors.join('\n')).toMatch(why);
  });

  it.each([
    ['renderer/src/app.ts', "import { Health } from '../../main/ipc/contract';"],
    ['devices/id-card-reader/driver.ts', "import { CommandQueue } from '../core';"],
    ['main/device-host/host.ts', "import { SerialTransport } from '../../devices/transports/serial';"],
    ['devices/id-card-reader/protocol/frame.ts', "import iconv from 'iconv-lite';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});

describe('the project config turns the layer rule on', () => {
  it.each(['renderer/src/x.tsx', 'devices/core/queue.ts', 'main/cli/main.ts', 'backoffice/server.ts'])(
    '%s',
    async (file) => {
      const config = (await new ESLint({ cwd: process.cwd() }).calculateConfigForFile(file)) as {
        rules: Record<string, unknown>;
      };
      expect(config.rules['layers/boundaries']).toEqual([2]);
    },
  );
});

describe('vocabularies agree across the IPC boundary', () => {
  it('the contract health values are the device health values', () => {
    expect(Health.options).toEqual([...HEALTH_VALUES]);
  });
  it('every device error code is a contract failure code', () => {
    for (const code of DEVICE_ERROR_CODES) expect(FailureCode.options).toContain(code);
  });
});
