import type { BuildOptions } from 'esbuild';
export declare const ROOT: string;
export declare const NATIVE_EXTERNALS: string[];
export declare const NODE_BUNDLE: BuildOptions;
export declare const ESM_REQUIRE: string;
export declare function copyFonts(outDir: string): string[];
export declare function buildPages(configFile: string, outDir: string): Promise<string[]>;
export declare function buildCliBundles(outDir: string): Promise<string[]>;
export declare function buildProduct(
  distDir?: string,
): Promise<{ distDir: string; steps: Record<string, number>; ms: number; inputs: number }>;
