/**
 * Deep copy without null or undefined properties (and without such array items): Entra's
 * schema discovery rejects null-valued properties (entra-scim.md §5.5, "don't send null values").
 */
export function compactObject<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.filter((v) => v !== null && v !== undefined).map((v) => compactObject(v)) as T;
  }
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v !== null && v !== undefined) out[key] = compactObject(v);
  }
  return out as T;
}

/** `${base}/${segment}`, without a doubled slash; undefined when there is no base. */
export function joinLocation(base: string | undefined, ...segments: string[]): string | undefined {
  if (base === undefined) return undefined;
  return [base.replace(/\/+$/, ''), ...segments].join('/');
}
