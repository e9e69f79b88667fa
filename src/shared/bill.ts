/**
 * A task's bill in words: the one formatting the turn footer (webview/transcript/answerView.ts),
 * the chat header, the status bar and "Show Session Cost" (src/vscode/statusBar.ts) all use, so
 * the same figures read the same everywhere.
 */
import type { UsageView } from './turnViews';

// Grouped by hand: the extension host's first toLocaleString loads ICU's number data, a pause in the first answer's end.
export const grouped = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, ',');

/** 1,234 below ten thousand, 12.3k above. */
export function formatTokens(n: number): string {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : grouped(n);
}

/** Dollars with enough precision that a fraction of a cent does not read as zero. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/** The share of input tokens billed as cached, 0 to 1 (0 when there was no input). */
export function cachedShare(usage: Pick<UsageView, 'promptTokens' | 'cachedTokens'>): number {
  return usage.promptTokens > 0 ? Math.min(usage.cachedTokens, usage.promptTokens) / usage.promptTokens : 0;
}

/** Every request lacked a price (a custom server): the bill is tokens only. */
export function tokensOnly(usage: UsageView): boolean {
  return usage.unpriced !== undefined && usage.unpriced > 0 && usage.unpriced >= (usage.requests ?? usage.unpriced);
}

/** "82% cached"; a hit too small to round to 1% still shows. */
export function formatCachedShare(usage: Pick<UsageView, 'promptTokens' | 'cachedTokens'>): string {
  const share = Math.round(cachedShare(usage) * 100);
  return `${usage.cachedTokens > 0 && share === 0 ? '<1' : share}% cached`;
}

/** "1,240 in (82% cached)". */
export function formatInput(usage: UsageView): string {
  return `${grouped(usage.promptTokens)} in (${formatCachedShare(usage)})`;
}

/** What the bill says about dollars: the sum, what is not in it, or nothing for tokens-only providers. */
export function formatDollars(usage: UsageView): string | undefined {
  if (tokensOnly(usage)) return undefined;
  const unpriced = usage.unpriced ? ` + ${usage.unpriced} request${usage.unpriced === 1 ? '' : 's'} without a price` : '';
  return `${formatUsd(usage.costUsd)}${unpriced}`;
}

/** "1,240 in (82% cached) · 310 out · 120 reasoning · $0.0006 · 3 requests". */
export function formatBill(usage: UsageView): string {
  const parts = [formatInput(usage), `${grouped(usage.completionTokens)} out`];
  if (usage.reasoningTokens) parts.push(`${grouped(usage.reasoningTokens)} reasoning`);
  parts.push(formatDollars(usage) ?? 'no price (tokens only)');
  if (usage.requests && usage.requests > 1) parts.push(`${usage.requests} requests`);
  return parts.join(' · ');
}

/** "$0.0021 · 1,801 tokens", or "1,801 tokens" without a price: one line of a header or status bar. */
export function formatBillShort(usage: UsageView): string {
  const tokens = `${formatTokens(usage.promptTokens + usage.completionTokens)} tokens`;
  return tokensOnly(usage) ? tokens : `${formatUsd(usage.costUsd)} · ${tokens}`;
}

/** "$0.0004", or "1,801 tokens" without a price: the shortest figure for a bill. */
export function formatBillFigure(usage: UsageView): string {
  return tokensOnly(usage) ? `${formatTokens(usage.promptTokens + usage.completionTokens)} tokens` : formatUsd(usage.costUsd);
}
