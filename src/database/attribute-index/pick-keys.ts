/**
 * Resolves the own keys of `obj` and keeps one key per target, chosen the way the filter
 * evaluator reads attributes (RFC 7643 §2.1, case-insensitive names): the key spelled exactly
 * like the target's canonical name if there is one, else the first matching key in property order.
 */
export function pickKeys<T>(
  obj: Record<string, unknown>,
  resolve: (key: string) => T | undefined,
  describe: (target: T) => { id: string; name: string },
): { resolved: T; value: unknown }[] {
  const chosen = new Map<string, { resolved: T; value: unknown; exact: boolean }>();
  for (const key of Object.keys(obj)) {
    const resolved = resolve(key);
    if (resolved === undefined) continue;
    const { id, name } = describe(resolved);
    const exact = key === name;
    const current = chosen.get(id);
    if (!current || (exact && !current.exact)) chosen.set(id, { resolved, value: obj[key], exact });
  }
  return [...chosen.values()].map(({ resolved, value }) => ({ resolved, value }));
}
