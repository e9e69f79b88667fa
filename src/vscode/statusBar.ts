import * as vscode from 'vscode';
import type { TaskLedger } from '../core/cost/tasks';
import { formatBill } from '../shared/bill';

/**
 * The session's cost and the last task's bill in the status bar; clicking opens the
 * breakdown by task and by model ("Show Session Cost"). Hidden until the first request
 * so it costs no space for nothing.
 */
export class CostStatusBar implements vscode.Disposable {
  static readonly command = 'stepFlash.showCost';
  private readonly item = vscode.window.createStatusBarItem('stepFlash.cost', vscode.StatusBarAlignment.Right, 100);
  private ledger: TaskLedger | undefined;

  constructor() {
    this.item.name = 'Step Flash cost';
    this.item.command = CostStatusBar.command;
  }

  /** The current text, for tests and the breakdown. */
  get text(): string {
    return this.item.text;
  }

  update(ledger: TaskLedger): void {
    this.ledger = ledger;
    const last = ledger.last();
    this.item.text = `$(zap) ${ledger.summary()}`;
    this.item.tooltip = new vscode.MarkdownString(this.breakdown().map((line) => line.replace(/^(Session|By task|By model):/, '**$1**:')).join('  \n'));
    this.item.accessibilityInformation = {
      label: `Step Flash: session ${formatBill(ledger.session())}${last ? `; last task, ${last.title}: ${formatBill(last.usage)}` : ''}`,
    };
    this.item.show();
  }

  /** The session, each task and each model, one line each. */
  breakdown(): string[] {
    return this.ledger ? this.ledger.breakdown() : ['No requests yet in this session.'];
  }

  async showBreakdown(): Promise<void> {
    const [head = '', ...rest] = this.breakdown();
    await vscode.window.showInformationMessage(head, { modal: true, detail: rest.join('\n').trim() });
  }

  dispose(): void {
    this.item.dispose();
  }
}
