export declare function snapshot(files: string[]): Map<string, number[] | null>;
export declare function writeManifest(
  distDir: string,
  inputs: string[],
  before: Map<string, number[] | null>,
  extra?: Record<string, unknown>,
): unknown;
export declare function staleReason(distDir: string): string | null;
