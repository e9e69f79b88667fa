/**
 * The effort policy: one table, so that what each command costs and how hard
 * the model thinks is decided in one place, visible to the user and
 * overridable per command in settings.
 */
import type { EffortChoice, EffortLevel, EffortView } from '../shared/protocol';

export type Intent =
  | 'explain'
  | 'rename'
  | 'documentation'
  | 'fix'
  | 'tests'
  | 'chat'
  | 'ask'
  | 'refactor'
  | 'screenshotToCode';

interface PolicyEntry {
  level: EffortLevel;
  why: string;
  label: string;
}

export const EFFORT_POLICY: Readonly<Record<Intent, PolicyEntry>> = {
  rename: { level: 'low', label: 'rename', why: 'a name needs little thought' },
  documentation: { level: 'low', label: 'documentation', why: 'describing code needs little thought' },
  explain: { level: 'low', label: 'explain', why: 'explaining is quick' },
  fix: { level: 'medium', label: 'fix', why: 'fixing needs some reasoning' },
  tests: { level: 'medium', label: 'tests', why: 'tests need some reasoning' },
  chat: { level: 'medium', label: 'chat', why: 'the default for conversation' },
  ask: { level: 'medium', label: 'ask', why: 'the default for conversation' },
  refactor: { level: 'high', label: 'refactor', why: 'multi-file changes need careful reasoning' },
  screenshotToCode: { level: 'high', label: 'screenshot to code', why: 'turning a picture into components is hard' },
};

/**
 * Picks the effort for a request. The user's explicit choice wins (for this
 * message, or for every message while the picker is locked), then the
 * per-command setting, then the policy table.
 */
export function chooseEffort(intent: Intent, userChoice: EffortChoice = 'auto', settingOverride: EffortChoice = 'auto', locked = false): EffortView {
  const entry = EFFORT_POLICY[intent];
  if (userChoice !== 'auto') {
    return locked
      ? { level: userChoice, source: 'user', label: 'locked by you', reason: 'you locked the effort picker on this level for every message' }
      : { level: userChoice, source: 'user', label: 'your choice', reason: 'chosen by you for this message only; the picker went back to Auto' };
  }
  if (settingOverride !== 'auto') {
    return { level: settingOverride, source: 'setting', label: 'your setting', reason: `the stepFlash.effort.${intent} setting` };
  }
  return { level: entry.level, source: 'policy', label: `${entry.label} default`, reason: `${entry.label}: ${entry.why}` };
}

const SLASH_INTENTS: Readonly<Record<string, Intent>> = {
  '/explain': 'explain',
  '/rename': 'rename',
  '/doc': 'documentation',
  '/docs': 'documentation',
  '/fix': 'fix',
  '/tests': 'tests',
  '/test': 'tests',
  '/refactor': 'refactor',
};

/** Chat's Auto effort reads intent from a leading slash command; anything else is conversation. */
export function intentFromChat(text: string): { intent: Intent; text: string } {
  const match = /^\s*(\/[a-z]+)\b\s*/i.exec(text);
  const intent = match ? SLASH_INTENTS[match[1]!.toLowerCase()] : undefined;
  if (!match || !intent) return { intent: 'chat', text };
  return { intent, text: text.slice(match[0].length) };
}
