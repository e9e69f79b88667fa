/**
 * Tool names as the Step API takes them (^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$). VS Code's tools
 * and MCP servers may use other characters or collide with the extension's own tools, so
 * each gets a wire name, and calls are mapped back to the real name.
 */
import type { ChatMessage } from '../provider/types';

const WIRE_NAME = /^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/;

interface ToolNameMap {
  /** Wire name → the tool's real name. */
  readonly toReal: ReadonlyMap<string, string>;
  /** Real name → wire name. */
  readonly toWire: ReadonlyMap<string, string>;
}

function sanitize(name: string): string {
  let wire = name.replace(/[^a-zA-Z0-9_-]/g, '_');
  if (!/^[a-zA-Z_]/.test(wire)) wire = `_${wire}`;
  return wire.slice(0, 64);
}

/** Wire names for `names`, none equal to a `reserved` name (the extension's own tools) or to each other. */
export function wireToolNames(names: readonly string[], reserved: ReadonlySet<string> = new Set()): ToolNameMap {
  const toReal = new Map<string, string>();
  const toWire = new Map<string, string>();
  const taken = new Set(reserved);
  // Names that are already valid keep themselves first, so an alias never steals a real name.
  const ordered = [...names.filter((n) => WIRE_NAME.test(n)), ...names.filter((n) => !WIRE_NAME.test(n))];
  for (const name of ordered) {
    if (toWire.has(name)) continue;
    const base = WIRE_NAME.test(name) ? name : sanitize(name);
    let wire = base;
    for (let n = 2; taken.has(wire); n++) {
      const suffix = `_${n}`;
      wire = base.slice(0, 64 - suffix.length) + suffix;
    }
    taken.add(wire);
    toReal.set(wire, name);
    toWire.set(name, wire);
  }
  return { toReal, toWire };
}

/** Earlier tool calls in a conversation, renamed to the wire names this request offers. */
export function withWireNames(messages: readonly ChatMessage[], names: ToolNameMap): ChatMessage[] {
  return messages.map((m) =>
    m.role === 'assistant' && m.tool_calls
      ? { ...m, tool_calls: m.tool_calls.map((c) => ({ ...c, function: { ...c.function, name: names.toWire.get(c.function.name) ?? c.function.name } })) }
      : m,
  );
}
