/**
 * The entry at `key` of a record keyed by names GitHub sends, made by `make` when the record has none of its own.
 * `record[key] ??= …` would read an inherited member (`toString`, `constructor`) as present and write into it, and
 * `record['__proto__'] = …` would replace the prototype: a package of such a name would drop out of the plan.
 */
export function ownEntry<T>(record: Record<string, T>, key: string, make: () => NoInfer<T>): T {
  if (Object.prototype.hasOwnProperty.call(record, key)) return record[key];
  const value = make();
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}
