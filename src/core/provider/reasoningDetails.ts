/**
 * OpenRouter's `reasoning_details`: streamed as fragments that share an `index`,
 * and wanted back unchanged on the next turn. Fragments are merged per index so
 * the history carries one entry per reasoning block, not one per chunk.
 */
type Detail = Record<string, unknown>;

const TEXT_FIELDS = ['text', 'summary', 'data'] as const;

export class ReasoningDetails {
  private entries: Detail[] = [];
  private byKey = new Map<string, { entry: Detail; parts: Record<string, string[]> }>();

  add(fragments: unknown[]): void {
    for (const raw of fragments) {
      if (!raw || typeof raw !== 'object') continue;
      const fragment = raw as Detail;
      const key = `${String(fragment.index ?? this.entries.length)}|${String(fragment.type ?? '')}`;
      let slot = this.byKey.get(key);
      if (!slot) {
        slot = { entry: {}, parts: {} };
        this.byKey.set(key, slot);
        this.entries.push(slot.entry);
      }
      for (const [name, value] of Object.entries(fragment)) {
        if ((TEXT_FIELDS as readonly string[]).includes(name) && typeof value === 'string') {
          (slot.parts[name] ??= []).push(value);
        } else if (value !== undefined && value !== null) {
          slot.entry[name] = value;
        }
      }
    }
  }

  merged(): unknown[] | undefined {
    if (!this.entries.length) return undefined;
    for (const slot of this.byKey.values()) {
      for (const [name, parts] of Object.entries(slot.parts)) slot.entry[name] = parts.join('');
    }
    return this.entries.map((e) => ({ ...e }));
  }

  /** The human-readable reasoning in a batch of fragments (encrypted blocks have none). */
  static textOf(fragments: unknown[]): string {
    let text = '';
    for (const raw of fragments) {
      if (!raw || typeof raw !== 'object') continue;
      const f = raw as Detail;
      if (f.type === 'reasoning.text' && typeof f.text === 'string') text += f.text;
      else if (f.type === 'reasoning.summary' && typeof f.summary === 'string') text += f.summary;
    }
    return text;
  }
}
