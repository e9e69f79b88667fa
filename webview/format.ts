import type { EffortView, UsageView } from '../src/shared/protocol';

const numbers = new Intl.NumberFormat('en-US');

/** Cost with enough precision that a fraction of a cent does not read as zero. */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

export function formatUsage(usage: UsageView): string {
  const parts = [`${numbers.format(usage.promptTokens)} in`, `${numbers.format(usage.completionTokens)} out`];
  if (usage.cachedTokens > 0) parts.push(`${numbers.format(usage.cachedTokens)} cached`);
  parts.push(formatCost(usage.costUsd));
  return parts.join(' · ');
}

/** "high · policy: refactor" — the level, then who chose it and why. */
export function formatEffort(effort: EffortView): string {
  return effort.reason ? `${effort.level} · ${effort.source}: ${effort.reason}` : `${effort.level} · ${effort.source}`;
}
