/** A small typed event emitter (devices/core uses no Node modules). Listener errors are isolated. */
export class Emitter<Events extends Record<string, unknown>> {
  readonly #listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Resolves with the next payload of `event` (optionally matching `filter`), or rejects when `signal` aborts. */
  next<K extends keyof Events>(
    event: K,
    signal?: AbortSignal,
    filter?: (p: Events[K]) => boolean,
  ): Promise<Events[K]> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const off = this.on(event, (p) => {
        if (filter && !filter(p)) return;
        off();
        signal?.removeEventListener('abort', onAbort);
        resolve(p);
      });
      const onAbort = () => {
        off();
        reject(signal!.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const l of [...(this.#listeners.get(event) ?? [])]) {
      try {
        (l as (p: Events[K]) => void)(payload);
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}
