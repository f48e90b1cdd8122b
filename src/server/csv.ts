/**
 * RFC 4180 quoting, and a leading quote mark on text a spreadsheet would run as a formula (OWASP's CSV
 * injection advice): exports hold text others chose (a name tried at sign-in, an asset tag from a CMMS).
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
