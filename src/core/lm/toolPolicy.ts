/**
 * Which of VS Code's tools (extensions' and the user's MCP servers') a command's agent may
 * call, and whether a call needs the user's go-ahead first. Opt-in: with no setting, none.
 * A tool the user did not vouch for as read-only asks before every call; MCP tools are
 * left to VS Code, which asks for every one its server does not declare read-only.
 */
import { resultText, type LmPart } from './messages';
import { wireToolNames } from './toolNames';

export interface ToolInfo {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: object | undefined;
  readonly tags: readonly string[];
}

interface ToolPolicy {
  /** Tool names, or `tag:NAME` for every tool with that tag. */
  readonly allowed: readonly string[];
  /** The subset the user trusts to only read: these run without asking. */
  readonly withoutAsking: readonly string[];
}

/** run: no question; ask: our confirmation first; editor: VS Code's own confirmation (MCP tools). */
type Consent = 'run' | 'ask' | 'editor';

/** The tag VS Code gives every tool of an MCP server. */
const MCP_TAG = 'mcp';

/** Most tools offered at once: each one's schema costs prompt tokens on every request. */
export const MAX_OFFERED_TOOLS = 40;

const MAX_RESULT_CHARS = 60_000;

function listed(entries: readonly string[], tool: ToolInfo): boolean {
  return entries.some((raw) => {
    const entry = raw.trim();
    if (entry.toLowerCase().startsWith('tag:')) return tool.tags.includes(entry.slice(4).trim());
    return entry === tool.name;
  });
}

export function allowedTools(tools: readonly ToolInfo[], policy: ToolPolicy): ToolInfo[] {
  return tools.filter((tool) => listed(policy.allowed, tool));
}

export function consentFor(tool: ToolInfo, policy: ToolPolicy): Consent {
  if (listed(policy.withoutAsking, tool)) return 'run';
  return tool.tags.includes(MCP_TAG) ? 'editor' : 'ask';
}

/** An OpenAI-style definition, shaped like the extension's own read tools. */
interface OfferedTool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface ToolRunnerDeps {
  /** Calls the tool through the editor; a decline in the editor's own confirmation throws a cancellation. */
  invoke(name: string, input: Record<string, unknown>): Promise<LmPart[]>;
  /** Our confirmation for a tool not vouched for as read-only; true to run it. */
  confirm(tool: ToolInfo, input: Record<string, unknown>): Promise<boolean>;
  /** A line in the chat's steps for this turn. */
  step(text: string): void;
  /** True once the command itself was cancelled. */
  cancelled(): boolean;
}

function isCancellation(error: unknown): boolean {
  const e = error as { name?: unknown; message?: unknown } | null;
  return e?.name === 'Canceled' || e?.name === 'CancellationError' || e?.message === 'Canceled';
}

function summary(args: Record<string, unknown>): string {
  const shown = Object.entries(args)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .slice(0, 2)
    .map(([k, v]) => `${k} “${String(v).slice(0, 60)}”`);
  return shown.length ? ` with ${shown.join(', ')}` : '';
}

/** The VS Code tools one command run may call, under the names the model sees. */
export class VscodeToolSet {
  readonly definitions: OfferedTool[];
  private readonly byWire = new Map<string, ToolInfo>();

  constructor(
    tools: readonly ToolInfo[],
    private readonly policy: ToolPolicy,
    reserved: ReadonlySet<string>,
    private readonly deps: ToolRunnerDeps,
  ) {
    const offered = tools.slice(0, MAX_OFFERED_TOOLS);
    const names = wireToolNames(offered.map((t) => t.name), reserved);
    this.definitions = offered.map((tool) => {
      const wire = names.toWire.get(tool.name)!;
      this.byWire.set(wire, tool);
      const parameters = (tool.inputSchema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} };
      return { type: 'function', function: { name: wire, description: tool.description || tool.name, parameters } };
    });
  }

  has(wireName: string): boolean {
    return this.byWire.has(wireName);
  }

  describe(wireName: string, args: Record<string, unknown>): string {
    const tool = this.byWire.get(wireName);
    return `Ran the VS Code tool ${tool?.name ?? wireName}${summary(args)}`;
  }

  /** Runs one call; what the model should read comes back as text, never as a throw. */
  async run(wireName: string, args: Record<string, unknown>): Promise<string> {
    const tool = this.byWire.get(wireName);
    if (!tool) return `Error: ${wireName} is not a tool offered here.`;
    const declined = `The user declined to run ${tool.name}. Continue without it.`;
    if (consentFor(tool, this.policy) === 'ask' && !(await this.deps.confirm(tool, args))) {
      this.deps.step(`${tool.name} was not run: you declined`);
      return declined;
    }
    try {
      const text = resultText(await this.deps.invoke(tool.name, args)) || '(the tool returned nothing)';
      return text.length > MAX_RESULT_CHARS ? `${text.slice(0, MAX_RESULT_CHARS)}… [truncated: the result had ${text.length} characters]` : text;
    } catch (error) {
      if (isCancellation(error)) {
        if (this.deps.cancelled()) return 'Error: the command was cancelled.';
        this.deps.step(`${tool.name} was not run: you declined in VS Code's confirmation`);
        return declined;
      }
      const message = error instanceof Error ? error.message : String(error);
      this.deps.step(`${tool.name} failed: ${message.slice(0, 200)}`);
      return `Error: ${message}`;
    }
  }
}
