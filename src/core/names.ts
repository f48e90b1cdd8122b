/**
 * The key two spellings of one name share: "Corvita Monitoring, Inc." and "corvita  monitoring inc" are one supplier.
 * Used for suppliers, products, sites and locations, never for component names (those follow their ecosystem).
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** JSON with object keys sorted, so that equal values always serialise to equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
