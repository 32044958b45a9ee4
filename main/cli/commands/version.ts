import pkg from '../../../package.json' with { type: 'json' };
import { runtimeLayout } from '../../runtime-layout';
import { printJson, type CliCommand } from '../command';

export const command: CliCommand = {
  path: ['version'],
  summary: 'Print the Yizhan version and runtime',
  usage: 'version [--json]',
  options: { json: { type: 'boolean', help: 'Print {"yizhan","node","platform","from"} as one JSON line' } },
  run(values) {
    const info = {
      yizhan: pkg.version,
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
      /** The bundles the set-up built, or the TypeScript sources through tsx. */
      from: runtimeLayout().from,
    };
    if (values.json) printJson(info);
    else
      process.stdout.write(
        `yizhan ${info.yizhan} (node ${info.node}, ${info.platform}, from ${info.from === 'bundle' ? 'bundles' : 'sources'})\n`,
      );
    return Promise.resolve(0);
  },
};
