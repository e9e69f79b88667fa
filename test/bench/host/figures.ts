/** Figures the host benchmarks record, written out by ./index.ts. */
export const figures: Record<string, Record<string, number | string | boolean>> = {};

export function record(group: string, values: Record<string, number | string | boolean>): void {
  figures[group] = { ...figures[group], ...values };
}
