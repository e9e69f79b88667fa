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

/** Who chose the effort, in a few words; chats saved before the label existed derive it from the source. */
function effortChooser(effort: EffortView): string {
  if (effort.label) return effort.label;
  if (effort.source === 'user') return 'your choice';
  if (effort.source === 'setting') return 'your setting';
  const what = effort.reason.split(':')[0]?.trim();
  return what && what !== effort.reason ? `${what} default` : 'default';
}

/** "Effort: medium — chat default": the level, then who chose it, as a person would say it. */
export function formatEffort(effort: EffortView): string {
  return `Effort: ${effort.level} — ${effortChooser(effort)}`;
}

/** The why, for the tooltip. */
export function effortTooltip(effort: EffortView): string {
  return `Reasoning effort ${effort.level}: ${effort.reason}.`;
}

/** "$0.0021 · 1,801 tokens": short enough for one line of the header; the tooltip has the rest. */
export function formatUsageShort(usage: UsageView): string {
  const tokens = usage.promptTokens + usage.completionTokens;
  const compact = tokens >= 10_000 ? `${(tokens / 1000).toFixed(1)}k` : numbers.format(tokens);
  return `${formatCost(usage.costUsd)} · ${compact} tokens`;
}
