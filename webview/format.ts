import type { EffortView } from '../src/shared/protocol';

/** Who chose the effort, in a few words; chats saved before the label existed derive it from the source. */
function effortChooser(effort: EffortView): string {
  if (effort.label) return effort.label;
  if (effort.source === 'user') return 'your choice';
  if (effort.source === 'setting') return 'your setting';
  const what = effort.reason.split(':')[0]?.trim();
  return what && what !== effort.reason ? `${what} default` : 'default';
}

/** "Effort: medium — chat default": the level, then who chose it, as a person would say it. */
export function formatEffort(effort: EffortView): string {
  return `Effort: ${effort.level} — ${effortChooser(effort)}`;
}

/** The why, for the tooltip. */
export function effortTooltip(effort: EffortView): string {
  return `Reasoning effort ${effort.level}: ${effort.reason}.`;
}
