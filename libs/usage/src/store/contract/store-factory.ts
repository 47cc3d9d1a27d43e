import type { UsageStore } from '../usage-store';

/** A fresh, migrated, empty store and a function that closes it and removes its data. */
export interface StoreHandle {
  store: UsageStore;
  dispose(): Promise<void>;
}

export type StoreFactory = () => Promise<StoreHandle>;
