import * as vscode from 'vscode';
import { EDIT_TOOLS, READ_TOOLS } from '../../core/edits';
import { allowedTools, MAX_OFFERED_TOOLS, VscodeToolSet, type ToolInfo } from '../../core/lm/toolPolicy';
import type { Logger } from '../log';
import { readSettings } from '../settings';
import { toolsApi } from './api';
import { classifyPart } from './parts';

/** The extension's own tool names: a VS Code tool never takes one of them on the wire. */
const OWN_TOOLS = new Set([...READ_TOOLS, ...EDIT_TOOLS].map((t) => t.function.name));

/**
 * VS Code's tools (every extension's, and the user's MCP servers') for the commands' agent
 * loop, as stepFlash.agent.vscodeTools allows. Calls go through vscode.lm.invokeTool, so a
 * tool's own confirmation is VS Code's; tools not vouched for as read-only ask here first.
 */
export class VscodeTools {
  constructor(private readonly log: Logger) {}

  /** The tools one command run may call, or undefined when none is allowed or the editor lacks the API (1.95+). */
  forCommand(token: vscode.CancellationToken, step: (text: string) => void): VscodeToolSet | undefined {
    const settings = readSettings();
    if (!settings.vscodeTools.length) return undefined;
    const api = toolsApi();
    if (!api) {
      this.log.info(`stepFlash.agent.vscodeTools is set, but VS Code ${vscode.version} cannot call other extensions' tools (1.95+).`);
      return undefined;
    }
    const policy = { allowed: settings.vscodeTools, withoutAsking: settings.vscodeToolsWithoutAsking };
    const tools = allowedTools(api.tools(), policy);
    if (!tools.length) {
      this.log.info(`no installed VS Code tool matches stepFlash.agent.vscodeTools (${settings.vscodeTools.join(', ')})`);
      return undefined;
    }
    if (tools.length > MAX_OFFERED_TOOLS) this.log.warn(`${tools.length} VS Code tools match stepFlash.agent.vscodeTools; only the first ${MAX_OFFERED_TOOLS} are offered`);
    return new VscodeToolSet(tools, policy, OWN_TOOLS, {
      invoke: async (name, input) => (await api.invoke(name, input, token)).content.map((part) => classifyPart(part, api.parts)),
      confirm: (tool, input) => confirm(tool, input),
      step,
      cancelled: () => token.isCancellationRequested,
    });
  }
}

async function confirm(tool: ToolInfo, input: Record<string, unknown>): Promise<boolean> {
  const shown = JSON.stringify(input, null, 2);
  const detail = [
    `A Step Flash command wants to call this tool. It is not in stepFlash.agent.vscodeToolsWithoutAsking, so it may change things outside the proposed edits.`,
    tool.description,
    `Input:\n${shown.length > 1500 ? `${shown.slice(0, 1500)}…` : shown}`,
  ].join('\n\n');
  const choice = await vscode.window.showWarningMessage(`Run the tool “${tool.name}”?`, { modal: true, detail }, 'Run');
  return choice === 'Run';
}
