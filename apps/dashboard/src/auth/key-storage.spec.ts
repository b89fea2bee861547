import { describe, expect, it, vi } from 'vitest';
import { KEY_STORAGE_ITEM, KeyStore, initialKey, takeKeyFromHash } from './key-storage.js';

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

const throwingStorage = (): Storage =>
  ({
    getItem: () => {
      throw new Error('SecurityError');
    },
    setItem: () => {
      throw new Error('QuotaExceededError');
    },
    removeItem: () => {
      throw new Error('SecurityError');
    },
  }) as unknown as Storage;

describe('takeKeyFromHash', () => {
  it('takes the key and keeps the rest of the fragment', () => {
    expect(takeKeyFromHash('#key=pulse_abc')).toEqual({ key: 'pulse_abc', rest: '' });
    expect(takeKeyFromHash('#key=pulse_abc&view=wall')).toEqual({ key: 'pulse_abc', rest: '#view=wall' });
  });

  it('decodes URL-encoded keys', () => {
    expect(takeKeyFromHash('#key=a%2Bb%3D').key).toBe('a+b=');
  });

  it('leaves fragments without a key alone', () => {
    expect(takeKeyFromHash('')).toEqual({ key: undefined, rest: '' });
    expect(takeKeyFromHash('#feed')).toEqual({ key: undefined, rest: '#feed' });
  });

  it('treats an empty key as none but still strips it', () => {
    expect(takeKeyFromHash('#key=')).toEqual({ key: undefined, rest: '' });
  });
});

describe('KeyStore', () => {
  it('remembers the key across instances (page reloads)', () => {
    const storage = memoryStorage();
    new KeyStore(storage).set('  pulse_abc ');
    expect(storage.getItem(KEY_STORAGE_ITEM)).toBe('pulse_abc');
    expect(new KeyStore(storage).get()).toBe('pulse_abc');
  });

  it('forgets it on clear', () => {
    const storage = memoryStorage();
    const store = new KeyStore(storage);
    store.set('pulse_abc');
    store.clear();
    expect(store.get()).toBeUndefined();
    expect(new KeyStore(storage).get()).toBeUndefined();
  });

  it('keeps working for the tab when storage is blocked', () => {
    const store = new KeyStore(throwingStorage());
    store.set('pulse_abc');
    expect(store.get()).toBe('pulse_abc');
    store.clear();
    expect(store.get()).toBeUndefined();
    expect(new KeyStore(undefined).get()).toBeUndefined();
  });
});

describe('initialKey', () => {
  it('stores a key from the URL and removes it from the address bar', () => {
    const store = new KeyStore(memoryStorage());
    const replaceState = vi.fn();
    const key = initialKey({ hash: '#key=pulse_abc', pathname: '/', search: '?x=1' }, { replaceState }, store);
    expect(key).toBe('pulse_abc');
    expect(store.get()).toBe('pulse_abc');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?x=1');
  });

  it('prefers the URL key over a stored one', () => {
    const store = new KeyStore(memoryStorage());
    store.set('old');
    expect(initialKey({ hash: '#key=new', pathname: '/', search: '' }, { replaceState: vi.fn() }, store)).toBe('new');
  });

  it('falls back on the stored key and leaves the URL alone', () => {
    const store = new KeyStore(memoryStorage());
    store.set('stored');
    const replaceState = vi.fn();
    expect(initialKey({ hash: '', pathname: '/', search: '' }, { replaceState }, store)).toBe('stored');
    expect(replaceState).not.toHaveBeenCalled();
  });
});
