/**
 * Freezes an object and everything reachable from it, so that assigning to an exported constant (or to a resolved
 * options object) throws in strict-mode code instead of silently changing nothing: the analysis reads its options
 * from the object it was given, never from a module constant a notebook could mutate.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
