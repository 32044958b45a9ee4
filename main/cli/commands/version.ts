import pkg from '../../../package.json' with { type: 'json' };
import { printJson, type CliCommand } from '../command';

export const command: CliCommand = {
  path: ['version'],
  summary: 'Print the Yizhan version and runtime',
  usage: 'version [--json]',
  options: { json: { type: 'boolean', help: 'Print {"yizhan","node","platform"} as one JSON line' } },
  run(values) {
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
