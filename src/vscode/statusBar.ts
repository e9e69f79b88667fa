import * as vscode from 'vscode';
import type { CostTotals } from '../core/provider/pricing';

export interface LastRequest {
  model: string;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  costUsd: number | undefined;
  traceId?: string;
}

const fmtUsd = (usd: number) => `$${usd.toFixed(usd > 0 && usd < 0.01 ? 4 : 2)}`;
// Grouped by hand: the host's first toLocaleString loads ICU's number data, a pause in the first answer's end.
const fmtTokens = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, ','));

/**
 * Session cost and the last request's tokens in the status bar; clicking opens
 * a breakdown. Hidden until the first request so it costs no space for nothing.
 */
export class CostStatusBar implements vscode.Disposable {
  static readonly command = 'stepFlash.showCost';
  private readonly item = vscode.window.createStatusBarItem('stepFlash.cost', vscode.StatusBarAlignment.Right, 100);
  private totals: CostTotals | undefined;
  private last: LastRequest | undefined;

  constructor() {
    this.item.name = 'Step Flash cost';
    this.item.command = CostStatusBar.command;
  }

  /** The current text, for tests and the breakdown. */
  get text(): string {
    return this.item.text;
  }

  update(totals: CostTotals, last: LastRequest): void {
    this.totals = totals;
    this.last = last;
    const lastTokens = last.promptTokens + last.completionTokens;
    this.item.text = `$(zap) ${fmtUsd(totals.costUsd)} · ${fmtTokens(lastTokens)} tok`;
    this.item.tooltip = new vscode.MarkdownString(this.breakdown());
    this.item.accessibilityInformation = {
      label: `Step Flash: session cost ${fmtUsd(totals.costUsd)}, last request ${lastTokens} tokens`,
    };
    this.item.show();
  }

  breakdown(): string {
    const t = this.totals;
    const l = this.last;
    if (!t || !l) return 'No requests yet in this session.';
    const unknown = t.unpricedRequests ? `\n\n${t.unpricedRequests} request(s) had no known price and are not in the total.` : '';
    return [
      `**Session**: ${fmtUsd(t.costUsd)} over ${t.requests} request(s) — ${fmtTokens(t.promptTokens)} input (${fmtTokens(t.cachedTokens)} cached), ${fmtTokens(t.completionTokens)} output`,
      `**Last request** (${l.model}): ${fmtTokens(l.promptTokens)} input (${fmtTokens(l.cachedTokens)} cached), ${fmtTokens(l.completionTokens)} output — ${l.costUsd === undefined ? 'price unknown' : fmtUsd(l.costUsd)}${l.traceId ? ` — trace ${l.traceId}` : ''}`,
    ].join('\n\n') + unknown;
  }

  async showBreakdown(): Promise<void> {
    await vscode.window.showInformationMessage(this.breakdown().replace(/\*\*/g, ''), { modal: true });
  }

  dispose(): void {
    this.item.dispose();
  }
}
