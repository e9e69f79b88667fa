/**
 * What the session cost, task by task. A task is one chat message or one editor command
 * (Explain, Refactor…): every model request it makes — tool steps, the repair turn — is
 * billed to it. The chat shows each task's bill on its turn (the turn's usage events,
 * src/shared/turnEvents.ts); this ledger keeps the same per-request bills for the status bar
 * and "Show Session Cost" (src/vscode/statusBar.ts), which break them down by task and by model.
 */
import { addUsage, ZERO_USAGE, type UsageView } from '../../shared/turnViews';
import { formatBill, formatBillFigure, formatCachedShare } from '../../shared/bill';
import type { CostInfo } from '../provider/pricing';
import type { Usage } from '../provider/types';

export interface TaskRef {
  /** The turn id for chat and command tasks. */
  id: string;
  /** "Explain", "Refactor", "Chat"… */
  title: string;
}

export interface TaskBill extends TaskRef {
  usage: UsageView;
  models: string[];
}

/** One request's bill: its tokens, its dollars when a price is known, and that it is one request. */
export function requestBill(usage: Usage | undefined, cost: CostInfo): UsageView {
  return {
    promptTokens: usage?.promptTokens ?? 0,
    completionTokens: usage?.completionTokens ?? 0,
    cachedTokens: usage?.cachedTokens ?? 0,
    costUsd: cost.usd ?? 0,
    ...(usage?.reasoningTokens ? { reasoningTokens: usage.reasoningTokens } : {}),
    requests: 1,
    ...(cost.usd === undefined ? { unpriced: 1 } : {}),
  };
}

/** Requests made outside any task (another extension through VS Code's language-model API). */
export const OUTSIDE_TASKS: TaskRef = { id: 'lm-api', title: 'Language-model API' };

/** Tasks kept in the breakdown; older ones still count in the session's total. */
const KEPT_TASKS = 200;

export class TaskLedger {
  private readonly tasks = new Map<string, TaskBill>();
  private readonly models = new Map<string, UsageView>();
  private total: UsageView = ZERO_USAGE;
  private lastId: string | undefined;

  /** Bills one request to its task. */
  add(task: TaskRef, model: string, bill: UsageView): void {
    const known = this.tasks.get(task.id);
    const entry: TaskBill = known ?? { ...task, usage: ZERO_USAGE, models: [] };
    entry.usage = addUsage(entry.usage, bill);
    if (!entry.models.includes(model)) entry.models.push(model);
    if (!known) {
      this.tasks.set(task.id, entry);
      if (this.tasks.size > KEPT_TASKS) this.tasks.delete(this.tasks.keys().next().value!);
    }
    this.models.set(model, addUsage(this.models.get(model) ?? ZERO_USAGE, bill));
    this.total = addUsage(this.total, bill);
    this.lastId = task.id;
  }

  session(): UsageView {
    return this.total;
  }

  /** The task that made the latest request. */
  last(): TaskBill | undefined {
    return this.lastId === undefined ? undefined : this.tasks.get(this.lastId);
  }

  byTask(): TaskBill[] {
    return [...this.tasks.values()];
  }

  byModel(): Array<{ model: string; usage: UsageView }> {
    return [...this.models].map(([model, usage]) => ({ model, usage }));
  }

  /** The status bar's line: the session, then the last task with its cached share. */
  summary(): string {
    const last = this.last();
    if (!last) return 'No requests yet';
    return `${formatBillFigure(this.total)} session · ${last.title} ${formatBillFigure(last.usage)} (${formatCachedShare(last.usage)})`;
  }

  /** The breakdown "Show Session Cost" shows: the session, each task, each model. */
  breakdown(): string[] {
    if (!this.lastId) return ['No requests yet in this session.'];
    const tasks = this.byTask();
    const dropped = (this.total.requests ?? 0) - tasks.reduce((n, t) => n + (t.usage.requests ?? 0), 0);
    return [
      `Session: ${formatBill(this.total)}`,
      '',
      'By task:',
      ...tasks.map((t) => `• ${t.title} — ${formatBill(t.usage)}`),
      ...(dropped > 0 ? [`• (${dropped} request(s) of older tasks, counted in the session)`] : []),
      '',
      'By model:',
      ...this.byModel().map((m) => `• ${m.model} — ${formatBill(m.usage)}`),
    ];
  }

  reset(): void {
    this.tasks.clear();
    this.models.clear();
    this.total = ZERO_USAGE;
    this.lastId = undefined;
  }
}
