/**
 * The API key lives in localStorage so it is entered once per browser. A `#key=…` fragment
 * (what `npm start` prints) seeds it; fragments never reach the server or its logs, and we
 * strip it from the address bar at once so it is not bookmarked or screen-shared.
 */

export const KEY_STORAGE_ITEM = 'pulse.dashboard.apiKey';

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export class KeyStore {
  // Private windows and locked-down browsers throw on localStorage: keep the key for the tab then.
  private memory: string | undefined;

  constructor(private readonly storage: StorageLike | undefined) {}

  get(): string | undefined {
    try {
      return this.storage?.getItem(KEY_STORAGE_ITEM)?.trim() || this.memory;
    } catch {
      return this.memory;
    }
  }

  set(key: string): void {
    const trimmed = key.trim();
    this.memory = trimmed;
    try {
      this.storage?.setItem(KEY_STORAGE_ITEM, trimmed);
    } catch {
      // memory copy above is enough for this tab
    }
  }

  clear(): void {
    this.memory = undefined;
    try {
      this.storage?.removeItem(KEY_STORAGE_ITEM);
    } catch {
      // nothing stored
    }
  }
}

/** Splits `#key=abc&x=1` into the key and the fragment that should stay (`#x=1`, or ''). */
export function takeKeyFromHash(hash: string): { key: string | undefined; rest: string } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const key = params.get('key')?.trim() || undefined;
  if (!params.has('key')) return { key: undefined, rest: hash };
  params.delete('key');
  const rest = params.toString();
  return { key, rest: rest ? `#${rest}` : '' };
}

/** On page load: a key in the URL wins (and is removed from it), else the stored one. */
export function initialKey(
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState'>,
  store: KeyStore,
): string | undefined {
  const { key, rest } = takeKeyFromHash(location.hash);
  if (rest !== location.hash) history.replaceState(null, '', `${location.pathname}${location.search}${rest}`);
  if (key) store.set(key);
  return store.get();
}
