/** Remembers the last N keys (oldest forgotten first): drops redelivered copies in the relays. */
export class RecentKeys {
  private readonly keys = new Set<string>();

  constructor(private readonly capacity: number) {}

  /** True the first time a key is seen within the window. */
  add(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value as string);
    return true;
  }

  /** True when the key was there (and is now forgotten). */
  delete(key: string): boolean {
    return this.keys.delete(key);
  }
}
