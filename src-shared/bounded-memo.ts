/**
 * Values worked out once per key, for keys that repeat (a credential's URLs, the model names clients ask
 * for). Bounded, because some keys come from clients: past `limit` distinct keys it starts over.
 */
export class BoundedMemo<K, V> {
  private readonly values = new Map<K, V>();

  constructor(
    private readonly limit: number,
    private readonly compute: (key: K) => V,
  ) {}

  get(key: K): V {
    let value = this.values.get(key);
    if (value === undefined) {
      value = this.compute(key);
      if (this.values.size >= this.limit) this.values.clear();
      this.values.set(key, value);
    }
    return value;
  }
}
