/** Context chips (selection, file, @mention) shown above the input, each removable before sending. */
import type { ContextChip } from '../../src/shared/protocol';
import { h } from '../dom';
import type { DraftStore } from './draft';

function describe(chip: ContextChip): string {
  if (chip.startLine === undefined) return chip.label;
  const end = chip.endLine !== undefined && chip.endLine !== chip.startLine ? `-${chip.endLine}` : '';
  return `${chip.label}:${chip.startLine}${end}`;
}

/**
 * Each chip's text. Chips that would read the same (cart.ts from two folders) get
 * as many of their folders as tell them apart, the way editor tabs do:
 * "cart.ts · src" and "cart.ts · commands".
 */
function describeAll(chips: readonly ContextChip[]): Map<string, string> {
  const texts = new Map(chips.map((chip) => [chip.id, describe(chip)]));
  const groups = new Map<string, ContextChip[]>();
  for (const chip of chips) groups.set(texts.get(chip.id)!, [...(groups.get(texts.get(chip.id)!) ?? []), chip]);
  for (const [text, group] of groups) {
    if (group.length < 2) continue;
    const folders = group.map((chip) => chip.path.split(/[\\/]/).slice(0, -1));
    const deepest = Math.max(...folders.map((f) => f.length));
    let depth = 1;
    const tail = (f: string[]) => f.slice(-depth).join('/') || '.';
    while (depth < deepest && new Set(folders.map(tail)).size < group.length) depth += 1;
    group.forEach((chip, i) => texts.set(chip.id, `${text} · ${tail(folders[i]!)}`));
  }
  return texts;
}

export class ChipsView {
  readonly element: HTMLElement;

  constructor(private readonly store: DraftStore) {
    this.element = h('div', { className: 'chip-row', attrs: { 'aria-label': 'Context' } });
    this.render();
  }

  add(chip: ContextChip): void {
    // The same context twice would only cost tokens.
    const same = this.store.state.chips.findIndex((c) => c.id === chip.id || (c.path === chip.path && c.startLine === chip.startLine && c.endLine === chip.endLine));
    if (same >= 0) this.store.state.chips.splice(same, 1, chip);
    else this.store.state.chips.push(chip);
    this.store.changed();
    this.render();
  }

  remove(id: string): void {
    this.store.state.chips = this.store.state.chips.filter((chip) => chip.id !== id);
    this.store.changed();
    this.render();
  }

  render(): void {
    const chips = this.store.state.chips;
    const texts = describeAll(chips);
    this.element.hidden = chips.length === 0;
    this.element.replaceChildren(
      ...chips.map((chip) =>
        h('span', { className: `chip ${chip.kind}`, attrs: { 'data-chip-id': chip.id, title: chip.path } }, [
          h('span', { text: texts.get(chip.id) }),
          h('button', {
            className: 'btn-icon',
            text: '×',
            attrs: { type: 'button', 'aria-label': `Remove ${texts.get(chip.id)}` },
            on: { click: () => this.remove(chip.id) },
          }),
        ]),
      ),
    );
  }
}
