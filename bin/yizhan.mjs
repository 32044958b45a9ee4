#!/usr/bin/env node
// The `yizhan` command. Runs the TypeScript sources through tsx, so `npx yizhan …` works from a clone.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
