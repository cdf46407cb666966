/**
 * DataLoader builders (design §10): every batched lookup is one SQL statement per request
 * for all keys, and answers in key order with null (or an empty list) for misses.
 */
import DataLoader from 'dataloader';

/** One row per key: resolves each key to its row, or null when there is none. */
export function rowLoader<K extends string, R>(
  fetch: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R | null> {
  return new DataLoader<K, R | null>(async (keys) => {
    const byKey = new Map<K, R>();
    for (const row of await fetch(keys)) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Many rows per key: resolves each key to its rows (in the order fetched), [] when none. */
export function listLoader<K extends string, R>(
  fetch: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R[]> {
  return new DataLoader<K, R[]>(async (keys) => {
    const byKey = new Map<K, R[]>();
    for (const row of await fetch(keys)) {
      const key = keyOf(row);
      const rows = byKey.get(key);
      if (rows) rows.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}
