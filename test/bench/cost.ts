/**
 * Cost per task against the simulator's prefix-cache model (test/sim/promptCache.ts): the real
 * client over HTTP, the product's message builder, context budget, agent loop and task ledger,
 * and the demo model (test/sim/demo) answering. Three scenarios:
 *  - a 10-turn chat, each turn a task;
 *  - a Refactor whose agent loop takes several steps;
 *  - Explain sent while that long chat is open, against Explain in an empty window, and against
 *    what it cost before tasks had their own context (the chat's history sent along).
 *  - the same Refactor with the advisor on (issue 15): the advisor plans first and is asked
 *    whenever the executor calls ask_advisor; requests, tokens and dollars per role.
 * Target (issue 14): at least 70% of the input tokens of the chat and the refactor billed as cached.
 *   node out/test/bench/cost.js [--json]
 */
import { AdvisorTask, advisorCostUsd, planWithAdvisor, type AdvisorPort, type AdvisorSink } from '../../src/core/advisor';
import { runAgent } from '../../src/core/agent';
import { fitToBudget } from '../../src/core/chat/budget';
import { toApiMessages } from '../../src/core/chat/messages';
import type { ApiMessage, ContextBlock, StoredTurn, StoredUser } from '../../src/core/chat/types';
import { requestBill, TaskLedger, type TaskRef } from '../../src/core/cost/tasks';
import { EDIT_TOOLS, READ_TOOLS } from '../../src/core/edits';
import type { Intent } from '../../src/core/effort';
import { CHAT_SYSTEM_PROMPT, commandSystemPrompt } from '../../src/core/prompts';
import { createStepClient, type StepClient } from '../../src/core/provider/client';
import type { ToolDefinition } from '../../src/core/provider/types';
import { cachedShare, formatBill } from '../../src/shared/bill';
import { addUsage, ZERO_USAGE, type UsageView } from '../../src/shared/turnViews';
import { demoModel } from '../sim/demo';
import { startSimulator } from '../sim/server';
import type { Simulator } from '../sim/types';
import { GLOBAL_KEY, profileFor } from '../unit/provider/simClient';
import { fileBlock, loadWorkspace, readTool, selectionBlock, type Workspace } from '../unit/sim/demoWorkspace';

const CHAT_TURNS: Array<{ text: string; context?: (ws: Workspace) => ContextBlock[] }> = [
  { text: 'Explain this code.', context: (ws) => [fileBlock(ws, 'src/cart.ts')] },
  { text: 'What does it depend on?' },
  { text: 'Explain this one too.', context: (ws) => [fileBlock(ws, 'src/receipt.ts')] },
  { text: 'Is the line total computed twice?' },
  { text: 'Explain the discount code.', context: (ws) => [fileBlock(ws, 'src/discount.ts')] },
  { text: 'Which of these would you test first?' },
  { text: 'Explain the formatting helper.', context: (ws) => [fileBlock(ws, 'src/format.ts')] },
  { text: 'Anything surprising in it?' },
  { text: 'How would you name the cart total function?' },
  { text: 'Thanks, summarise what we found.' },
];

interface TaskRow {
  task: string;
  requests: number;
  inputTokens: number;
  cachedTokens: number;
  cachedShare: number;
  outputTokens: number;
  usd: number;
}

/**
 * The advisor model the simulator answers (any id but the executor's) and the price it is billed at:
 * a stand-in for a frontier model, so the table shows the trade, not a quote.
 */
const ADVISOR_MODEL = 'frontier-advisor';
const ADVISOR_PRICE = { inputPerM: 3, outputPerM: 15 };

type Role = 'executor' | 'advisor';

const row = (task: string, u: UsageView): TaskRow => ({
  task,
  requests: u.requests ?? 0,
  inputTokens: u.promptTokens,
  cachedTokens: u.cachedTokens,
  cachedShare: Math.round(cachedShare(u) * 1000) / 10,
  outputTokens: u.completionTokens,
  usd: Math.round(u.costUsd * 1e7) / 1e7,
});

class Bench {
  readonly ledger = new TaskLedger();
  private tasks = 0;
  /** Each task's usage by who answered: the executor (Step 3.7 Flash) or the advisor. */
  readonly roles = new Map<string, Record<Role, UsageView>>();

  constructor(
    readonly sim: Simulator,
    readonly client: StepClient,
    readonly advisorClient: StepClient,
  ) {}

  private bill(task: TaskRef, role: Role, model: string, usage: UsageView): void {
    this.ledger.add(task, model, usage);
    const roles = this.roles.get(task.id) ?? { executor: ZERO_USAGE, advisor: ZERO_USAGE };
    roles[role] = addUsage(roles[role], usage);
    this.roles.set(task.id, roles);
  }

  task(title: string): TaskRef {
    return { id: `task-${++this.tasks}`, title };
  }

  /** One request of a task, billed to it as the product bills it. */
  async ask(task: TaskRef, messages: ApiMessage[], tools?: readonly ToolDefinition[]) {
    const result = await this.client.streamChat({ messages, effort: 'medium', ...(tools ? { tools: [...tools] } : {}) });
    this.bill(task, 'executor', result.model, requestBill(result.usage, result.cost));
    return result;
  }

  /** The advisor as src/vscode/advisor/advisorService.ts builds it: one request per consultation, billed to the task. */
  private advisorFor(task: TaskRef): AdvisorTask {
    const port: AdvisorPort = {
      model: ADVISOR_MODEL,
      ask: async (messages, signal) => {
        const result = await this.advisorClient.complete({ messages }, signal);
        const usd = advisorCostUsd(undefined, result.usage, ADVISOR_PRICE) ?? 0;
        const usage = requestBill(result.usage, { usd, source: 'price-table', model: result.model });
        this.bill(task, 'advisor', result.model, usage);
        return { text: result.answerText, model: result.model, usage, priced: true };
      },
    };
    const sink: AdvisorSink = { step: () => 'step', usage: () => undefined };
    return new AdvisorTask(port, { maxCalls: 3, timeoutMs: 60_000 }, sink);
  }

  usage(task: TaskRef): UsageView {
    return this.ledger.byTask().find((t) => t.id === task.id)!.usage;
  }

  /** Requests, tokens and dollars of one role in a task. */
  role(task: TaskRef, role: Role): TaskRow {
    return row(role, this.roles.get(task.id)?.[role] ?? ZERO_USAGE);
  }

  /** A chat turn: the chat's history, trimmed by the context budget, then the new message. */
  async chatTurn(history: StoredTurn[], user: StoredUser): Promise<{ turn: StoredTurn; task: TaskRef }> {
    const task = this.task(`Chat ${history.length + 1}`);
    const { messages } = fitToBudget(toApiMessages(CHAT_SYSTEM_PROMPT, history, user));
    const result = await this.ask(task, messages);
    const turn: StoredTurn = { id: task.id, createdAt: 0, user, effort: { level: 'medium', reason: 'chat', source: 'policy' }, reasoning: '', text: result.answerText, steps: [], status: 'done' };
    return { turn, task };
  }

  /** An editing command as src/vscode/commands/editingRunner.ts runs it: its own context, the agent loop. */
  async command(intent: Intent, title: string, user: StoredUser, ws: Workspace, withAdvisor = false): Promise<TaskRef> {
    const task = this.task(title);
    const advisor = withAdvisor ? this.advisorFor(task) : undefined;
    const sink: AdvisorSink = { step: () => 'step', usage: () => undefined };
    const start = toApiMessages(commandSystemPrompt(intent, true), [], user);
    const messages = advisor ? await planWithAdvisor({ kind: 'ready', task: advisor }, { intent, display: user.text }, start, sink) : start;
    await runAgent(messages, { read: READ_TOOLS, edit: EDIT_TOOLS }, 8, {
      ...(advisor ? { advisor: advisor.forAgent() } : {}),
      ask: async (messages, tools) => {
        const result = await this.ask(task, messages, tools);
        return { text: result.answerText, toolCalls: result.toolCalls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })), stopped: result.stopped };
      },
      runReadTool: async (name, args) => readTool(ws, name, args),
      onStep: () => undefined,
    });
    return task;
  }

  /** Explain: one request with the command's prompt; `history` is what the chat sent along before tasks. */
  async explain(title: string, user: StoredUser, history: StoredTurn[] = []): Promise<TaskRef> {
    const task = this.task(title);
    await this.ask(task, fitToBudget(toApiMessages(commandSystemPrompt('explain', false), history, user)).messages);
    return task;
  }
}

async function main(): Promise<void> {
  const sim = await startSimulator({ fallback: demoModel(), advisor: true });
  try {
    const profile = profileFor(sim, 'stepfun-global');
    const bench = new Bench(
      sim,
      createStepClient({ profile, apiKey: GLOBAL_KEY }),
      createStepClient({ profile: { ...profile, model: ADVISOR_MODEL }, apiKey: GLOBAL_KEY }),
    );
    const ws = loadWorkspace();
    const explained: StoredUser = { text: 'Explain this code.', context: [selectionBlock(ws, 'src/format.ts', 0, 2)] };

    // An empty window: nothing served before.
    const emptyExplain = await bench.explain('Explain, empty window', explained);

    sim.reset();
    const history: StoredTurn[] = [];
    const chatTasks: TaskRef[] = [];
    for (const t of CHAT_TURNS) {
      const { turn, task } = await bench.chatTurn(history, { text: t.text, ...(t.context ? { context: t.context(ws) } : {}) });
      history.push(turn);
      chatTasks.push(task);
    }
    const inChat = await bench.explain('Explain, 10-turn chat open', explained);
    const before = await bench.explain('Explain, 10-turn chat open, before tasks (history sent)', explained, history);
    const refactor = await bench.command('refactor', 'Refactor (multi-step)', { text: 'extract the line total', context: [selectionBlock(ws, 'src/cart.ts', 8, 14)] }, ws);

    sim.reset();
    const refactorUser: StoredUser = { text: 'extract the line total', context: [selectionBlock(ws, 'src/cart.ts', 8, 14)] };
    const alone = await bench.command('refactor', 'Refactor, advisor off', refactorUser, ws);
    sim.reset();
    const advised = await bench.command('refactor', 'Refactor, advisor on', refactorUser, ws, true);
    const advisorRows = [alone, advised].map((task) => ({ task: task.title, executor: bench.role(task, 'executor'), advisor: bench.role(task, 'advisor'), total: row('total', bench.usage(task)) }));

    const chat = chatTasks.map((t) => bench.usage(t)).reduce((a, b) => addUsage(a, b), ZERO_USAGE);
    const refactorBill = bench.usage(refactor);
    const both = addUsage(chat, refactorBill);
    const rows = [...chatTasks.map((t) => row(t.title, bench.usage(t))), row('10-turn chat (all turns)', chat), row(refactor.title, refactorBill)];
    const explainRows = [row(emptyExplain.title, bench.usage(emptyExplain)), row(inChat.title, bench.usage(inChat)), row(before.title, bench.usage(before))];
    for (const a of advisorRows) {
      for (const r of [a.executor, a.advisor]) console.log(`${`${a.task}: ${r.task}`.padEnd(58)} ${r.requests ? formatBill({ promptTokens: r.inputTokens, cachedTokens: r.cachedTokens, completionTokens: r.outputTokens, costUsd: r.usd, requests: r.requests }) : 'not asked'}`);
    }
    for (const r of [...rows, ...explainRows]) console.log(`${r.task.padEnd(58)} ${formatBill({ promptTokens: r.inputTokens, cachedTokens: r.cachedTokens, completionTokens: r.outputTokens, costUsd: r.usd, requests: r.requests })}`);
    const figures = {
      chat: row('10-turn chat', chat),
      refactor: row(refactor.title, refactorBill),
      chatAndRefactorCachedShare: Math.round(cachedShare(both) * 1000) / 10,
      explain: { emptyWindow: explainRows[0], longChat: explainRows[1], beforeTasks: explainRows[2] },
      tasks: rows,
      advisor: { model: ADVISOR_MODEL, price: ADVISOR_PRICE, refactor: advisorRows },
    };
    console.log(`chat + refactor: ${figures.chatAndRefactorCachedShare}% of input tokens cached (target ≥ 70%)`);
    if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
