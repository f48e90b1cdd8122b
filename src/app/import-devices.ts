import type { Problem } from '../core/problem.js';
import { type DeviceMapping, parseDeviceCsv, parseDeviceMapping } from '../formats/device-csv/index.js';
import { ImportRefusedError } from './errors.js';
import { maxImportBytes } from './limits.js';
import type { DeviceImportCounts, DeviceStore, Progress } from './ports.js';

export interface ImportDevicesRequest {
  content: Buffer | string;
  fileName?: string;
  /** A column mapping (JSON text, docs/device-csv.md); Vigil's own column names when absent. */
  mapping?: { text: string; fileName?: string };
  maxBytes?: number;
}

export interface ImportDevicesResult extends DeviceImportCounts {
  rows: number;
  warnings: Problem[];
}

/** Reads a device inventory CSV and creates or updates its devices, all or nothing. */
export async function importDevices(
  store: DeviceStore,
  request: ImportDevicesRequest,
  progress?: Progress,
): Promise<ImportDevicesResult> {
  const file = request.fileName;
  const size =
    typeof request.content === 'string' ? Buffer.byteLength(request.content) : request.content.length;
  const limit = request.maxBytes ?? maxImportBytes();
  if (size > limit) {
    throw new ImportRefusedError(file, [
      {
        severity: 'error',
        code: 'too_large',
        message: `The file is ${size.toLocaleString('en')} bytes; the limit is ${limit.toLocaleString('en')}.`,
        ...(file ? { file } : {}),
      },
    ]);
  }
  let mapping: DeviceMapping | undefined;
  if (request.mapping) {
    const parsedMapping = parseDeviceMapping(request.mapping.text, request.mapping.fileName);
    if (!parsedMapping.ok)
      throw new ImportRefusedError(request.mapping.fileName, parsedMapping.errors, parsedMapping.warnings);
    mapping = parsedMapping.value;
  }
  const text = typeof request.content === 'string' ? request.content : request.content.toString('utf8');
  const parsed = parseDeviceCsv(text, { ...(file ? { file } : {}), ...(mapping ? { mapping } : {}) });
  if (!parsed.ok) throw new ImportRefusedError(file, parsed.errors, parsed.warnings);
  const counts = await store.upsertDevices(parsed.value, progress);
  return { ...counts, rows: parsed.value.length, warnings: parsed.warnings };
}
