/** The management key the user typed on the sign-in form; sessionStorage, so it dies with the tab. */
export interface ManagementKeyStore {
  get(): string | null;
  set(key: string): void;
  clear(): void;
}

const STORAGE_KEY = 'cliproxy.managementKey';

export function createManagementKeyStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): ManagementKeyStore {
  return {
    get() {
      const value = storage.getItem(STORAGE_KEY);
      return value === null || value === '' ? null : value;
    },
    set(key) {
      storage.setItem(STORAGE_KEY, key);
    },
    clear() {
      storage.removeItem(STORAGE_KEY);
    },
  };
}
