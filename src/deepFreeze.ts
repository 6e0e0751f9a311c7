// Read-only constants and options that fail loudly. Object.freeze alone is not enough: a notebook cell (tslab runs
// cells in sloppy mode) assigning to a frozen property gets no error and nothing changes, the trap issue 11 describes.
// So every frozen object is also wrapped in a Proxy whose set/define/delete traps throw, in any mode, naming the
// property and saying how to change an assumption instead. Used by the ingest's and the analysis's constants and by
// the resolved analysis options (src/analysis/analysisOptions.ts), so this file sits below both stages.

const readOnly = new WeakSet<object>();

function refuse(name: string, key: string | symbol, what: string): never {
  throw new TypeError(
    `cannot ${what} ${name}.${String(key)}: it is read-only; change an assumption through the analysis options ` +
      `instead, e.g. analyzeData({ targets: { track1: 3.3 } })`,
  );
}

/** Deeply frozen, and assignments throw even in sloppy-mode code. `name` labels the object in the error. */
export function deepFreeze<T>(value: T, name = "this object"): T {
  if (typeof value !== "object" || value === null || readOnly.has(value)) return value;
  const target = value as Record<string | symbol, unknown>;
  const frozenAlready = Object.isFrozen(target);
  for (const key of Object.keys(target)) {
    const child = deepFreeze(target[key], `${name}.${key}`);
    if (!frozenAlready && child !== target[key]) target[key] = child;
  }
  Object.freeze(target);
  const proxy = new Proxy(target, {
    set: (_, key) => refuse(name, key, "assign to"),
    defineProperty: (_, key) => refuse(name, key, "define"),
    deleteProperty: (_, key) => refuse(name, key, "delete"),
  });
  readOnly.add(proxy);
  return proxy as T;
}
