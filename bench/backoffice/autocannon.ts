import { createRequire } from 'node:module';

// Typed access to the subset of autocannon 8's programmatic API the bench uses (it ships no types).

export interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface Result {
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Seconds. */
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}

export interface RequestOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: object, context: Record<string, unknown>) => object;
}

export interface Options {
  url: string;
  connections?: number;
  duration?: number;
  amount?: number;
  timeout?: number;
  requests?: RequestOptions[];
}

export const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Options) => Promise<Result>;
