/** One line for the log when an apply wrote no file, saying why in the user's terms. */
import type { ApplyReport } from './types';

export function nothingWritten(report: ApplyReport): string | undefined {
  if (report.files.some((f) => f.kind === 'applied')) return undefined;
  if (report.error) return report.error;
  if (report.files.length === 0) return 'Nothing was written: no file of the set was left to apply (each was applied already or could not be placed).';
  const count = (kind: string) => report.files.filter((f) => f.kind === kind).length;
  const parts = [
    count('skipped') ? `${count('skipped')} not accepted` : '',
    count('stale') ? `${count('stale')} changed since the proposal` : '',
    count('failed') ? `${count('failed')} failed` : '',
  ].filter(Boolean);
  return `Nothing was written: ${parts.join(', ')}. ${report.files.map((f) => f.message).join(' ')}`;
}
