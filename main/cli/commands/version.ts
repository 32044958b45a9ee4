import { readFileSync } from 'node:fs';
import { printJson, type CliCommand } from '../command';

export const command: CliCommand = {
  path: ['version'],
  summary: 'Print the Yizhan version and runtime',
  usage: 'version [--json]',
  options: { json: { type: 'boolean' } },
  run(values) {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const info = {
      yizhan: pkg.version,
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
    };
    if (values.json) printJson(info);
    else process.stdout.write(`yizhan ${info.yizhan} (node ${info.node}, ${info.platform})\n`);
    return Promise.resolve(0);
  },
};
