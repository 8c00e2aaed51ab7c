/** Who runs the watcher: always this process for a file store; the lease holder for blobs. */
export interface WatcherLock {
  /** True when this instance may poll now (acquires or renews as needed). */
  hold(): Promise<boolean>;
  release(): Promise<void>;
}

export const alwaysHeld: WatcherLock = { hold: async () => true, release: async () => {} };
