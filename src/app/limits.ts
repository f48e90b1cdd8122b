/** Largest document an import accepts, unless configured otherwise (VIGIL_MAX_IMPORT_BYTES). */
export const DEFAULT_MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export function maxImportBytes(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.VIGIL_MAX_IMPORT_BYTES);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_IMPORT_BYTES;
}

/**
 * The most a zip archive's entries may expand to, together, unless configured otherwise
 * (VIGIL_MAX_ARCHIVE_BYTES): far over OSV's largest ecosystem, far under what a zip bomb claims.
 */
export const DEFAULT_MAX_ARCHIVE_BYTES = 16 * 1024 * 1024 * 1024;

export function maxArchiveBytes(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.VIGIL_MAX_ARCHIVE_BYTES);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_ARCHIVE_BYTES;
}
