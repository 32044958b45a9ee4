export type Dialect = 'sqlite' | 'postgres';

/** SQL with `?` placeholders; each implementation translates them for its driver. */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
}

export interface Tx extends SqlExecutor {
  readonly dialect: Dialect;
  /**
   * Serialises this transaction against every other holder of `name` until commit, across
   * processes (PostgreSQL advisory transaction lock; SQLite's BEGIN IMMEDIATE already holds the
   * single writer lock for the whole transaction).
   */
  lock(name: string): Promise<void>;
}

/** The one storage interface of the back office. Reads may see only committed data. */
export interface Database extends SqlExecutor {
  readonly dialect: Dialect;
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
