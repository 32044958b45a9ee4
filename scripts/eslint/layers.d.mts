import type { ESLint, Linter } from 'eslint';
declare const plugin: ESLint.Plugin;
export default plugin;
export declare const protocolPurity: Linter.RulesRecord;
export declare const enginePurity: Linter.RulesRecord;
export declare const injectedTime: Linter.RulesRecord;
export declare function classify(rel: string): { layer: string; family?: string; identity?: boolean };
