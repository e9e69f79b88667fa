/**
 * The simulator's demo model (test code; docs/simulator.md): a deterministic stand-in for
 * a capable model, chosen by `npm start -- --sim`, `npm run sim` and tests through the
 * simulator's `fallback` option, never by the product. It reads what each request
 * carries — the command behind the system prompt, the tools offered, the task and its
 * context blocks, images and tool results — and answers in the real wire format: read
 * steps first, then edits computed from the file texts it was given, or prose.
 *
 * Scenarios are tried in order; callers may put their own first (e.g. an advisor model
 * recognised by its model id or an `ask_advisor` tool), so new behaviour needs no change here.
 */
import type { SimReply } from '../types';
import { prose } from './answer';
import { chatReply, explainReply } from './conversation';
import { docsReply } from './docs';
import { fixReply } from './fix';
import { refactorReply } from './refactor';
import { isRenameByEdits, isRenameSuggestion, renameByEditsReply, renameSuggestionReply } from './rename';
import { readRequest, type DemoRequest } from './request';
import { chatImageReply, screenshotReply } from './screenshot';
import { testsReply } from './tests';

export interface DemoScenario {
  name: string;
  handles(req: DemoRequest): boolean;
  reply(req: DemoRequest): SimReply;
}

const inChat = (req: DemoRequest, words: RegExp) => !req.intent && req.blocks.length > 0 && words.test(req.task);

export const DEMO_SCENARIOS: readonly DemoScenario[] = [
  { name: 'rename: suggest a name', handles: isRenameSuggestion, reply: renameSuggestionReply },
  { name: 'rename: by edits', handles: isRenameByEdits, reply: renameByEditsReply },
  { name: 'refactor', handles: (r) => r.intent === 'refactor' || inChat(r, /\b(refactor|extract)\b/i), reply: refactorReply },
  { name: 'fix problems', handles: (r) => r.intent === 'fix', reply: fixReply },
  { name: 'generate tests', handles: (r) => r.intent === 'tests' || inChat(r, /\b(unit )?tests?\b/i), reply: testsReply },
  { name: 'add documentation', handles: (r) => r.intent === 'documentation' || inChat(r, /\b(document|docs?|doc comments?|jsdoc|tsdoc)\b/i), reply: docsReply },
  { name: 'screenshot to code', handles: (r) => r.intent === 'screenshotToCode', reply: screenshotReply },
  { name: 'explain or ask', handles: (r) => r.intent === 'explain' || r.intent === 'ask' || (!r.intent && r.blocks.length > 0), reply: explainReply },
  { name: 'chat: image', handles: (r) => !r.intent && r.images.length > 0, reply: chatImageReply },
  { name: 'chat', handles: () => true, reply: chatReply },
];

/** The demo model's answer to one chat-completions body. */
export function demoReply(body: unknown, first: readonly DemoScenario[] = []): SimReply {
  const req = readRequest(body);
  const scenario = [...first, ...DEMO_SCENARIOS].find((s) => s.handles(req))!;
  try {
    return scenario.reply(req);
  } catch (error) {
    // A demo must not turn an unexpected request into a 500: say what went wrong, as a model would.
    return prose(`The ${scenario.name} scenario failed on this request: ${(error as Error).message}`, `I could not work out a ${scenario.name} answer for this request (${(error as Error).message}). Try again with the code selected.`);
  }
}

/** A `fallback` for startSimulator: the demo model answers every chat not scripted by a test. */
export function demoModel(first: readonly DemoScenario[] = []): (body: unknown) => SimReply {
  return (body) => demoReply(body, first);
}
