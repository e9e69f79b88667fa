/**
 * The prefix-cache model (docs/simulator.md, step-api.md §2, §6, §8). Per API key it remembers
 * the prompts it has served as a chain of fixed-size token blocks, and reports for each new
 * request the longest previously seen prefix, in whole blocks and at least `minTokens` long.
 *
 * The prompt is read in one canonical order, as a server's chat template would lay it out:
 * the model id (a salt: caches are per model), the tool definitions, then every message —
 * a 4-token header (role, tool_call_id), its text, images and videos in order, then its
 * tool calls. Token counts follow the simulator's own estimate (tokens.ts, contentParts.ts),
 * so the total equals the prompt_tokens that validateChat reports for the same body.
 */
import { createHash, type Hash } from 'crypto';
import { partTokens } from './contentParts';
import { CHARS_PER_TOKEN, countTokens } from './tokens';

export interface PromptCacheOptions {
  /** How long a block stays cached after it was last served. Default 5 minutes. */
  ttlMs?: number;
  /** The shortest prefix reported as cached. Default 256 tokens. */
  minTokens?: number;
  /** The cache's unit: only whole blocks are cached. Default 64 tokens. */
  blockTokens?: number;
  now?: () => number;
}

export const PROMPT_CACHE_DEFAULTS = { ttlMs: 5 * 60_000, minTokens: 256, blockTokens: 64 } as const;

/** Tokens per message header, as validateChat counts them. */
const HEADER_TOKENS = 4;

/** Hashes a token stream into a chain of block hashes: block i's hash covers blocks 0..i. */
class BlockHasher {
  readonly blocks: string[] = [];
  tokens = 0;
  private filled = 0;
  private hash: Hash;

  constructor(
    private readonly blockTokens: number,
    salt: string,
  ) {
    this.hash = createHash('sha256').update(salt);
  }

  /** Text costs ceil(length / 4) tokens; a segment never shares a token with the next one. */
  text(text: string): void {
    if (!text) return;
    this.hash.update('\u0001');
    let at = 0;
    while (at < text.length) {
      const chars = Math.min(text.length - at, (this.blockTokens - this.filled) * CHARS_PER_TOKEN);
      this.hash.update(text.slice(at, at + chars));
      this.advance(countTokens(text.slice(at, at + chars)));
      at += chars;
    }
  }

  /** Something that is not text (a header, an image) costing `tokens`, identified by `id`. */
  opaque(id: string, tokens: number): void {
    let left = tokens;
    while (left > 0) {
      const n = Math.min(left, this.blockTokens - this.filled);
      this.hash.update(`\u0002${id}:${tokens - left}`);
      this.advance(n);
      left -= n;
    }
  }

  private advance(n: number): void {
    this.filled += n;
    this.tokens += n;
    if (this.filled < this.blockTokens) return;
    const digest = this.hash.digest('hex');
    this.blocks.push(digest);
    this.hash = createHash('sha256').update(digest);
    this.filled = 0;
  }
}

function mediaId(kind: string, part: Record<string, unknown>): string {
  const media = part[kind] as { url?: unknown; detail?: unknown } | undefined;
  const url = typeof media?.url === 'string' ? media.url : '';
  return `${kind}:${createHash('sha256').update(url).digest('hex')}:${String(media?.detail ?? '')}`;
}

/** The canonical token stream of a chat-completions body, as complete block hashes and a total. */
export function promptBlocks(body: unknown, blockTokens: number = PROMPT_CACHE_DEFAULTS.blockTokens): { blocks: string[]; tokens: number } {
  const b = (body ?? {}) as Record<string, unknown>;
  const hasher = new BlockHasher(blockTokens, `model:${String(b.model)}`);
  if (b.tools) hasher.text(JSON.stringify(b.tools));
  for (const raw of Array.isArray(b.messages) ? b.messages : []) {
    const m = (raw ?? {}) as Record<string, unknown>;
    hasher.opaque(`msg:${String(m.role)}:${String(m.tool_call_id ?? '')}`, HEADER_TOKENS);
    if (typeof m.content === 'string') hasher.text(m.content);
    else if (Array.isArray(m.content)) {
      for (const p of m.content as Array<Record<string, unknown>>) {
        if (p?.type === 'text') hasher.text(String(p.text));
        else if (p?.type === 'image_url' || p?.type === 'video_url') hasher.opaque(mediaId(p.type, p), partTokens(p));
      }
    }
    if (Array.isArray(m.tool_calls)) hasher.text(JSON.stringify(m.tool_calls));
  }
  return { blocks: hasher.blocks, tokens: hasher.tokens };
}

export interface CacheLookup {
  promptTokens: number;
  cachedTokens: number;
}

export class PromptCache {
  private readonly ttlMs: number;
  private readonly minTokens: number;
  private readonly blockTokens: number;
  private readonly now: () => number;
  /** Per API key: block hash → when it was last served. */
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(options: PromptCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? PROMPT_CACHE_DEFAULTS.ttlMs;
    this.minTokens = options.minTokens ?? PROMPT_CACHE_DEFAULTS.minTokens;
    this.blockTokens = options.blockTokens ?? PROMPT_CACHE_DEFAULTS.blockTokens;
    this.now = options.now ?? Date.now;
    if (!(this.blockTokens >= 1) || !Number.isInteger(this.blockTokens)) throw new RangeError(`blockTokens must be a positive integer, got ${this.blockTokens}`);
  }

  /** Serves one request for `key`: what of its prompt was cached, then remembers all of it. */
  serve(key: string, body: unknown): CacheLookup {
    const t = this.now();
    const { blocks, tokens } = promptBlocks(body, this.blockTokens);
    const seen = this.seen.get(key) ?? new Map<string, number>();
    this.seen.set(key, seen);
    for (const [hash, at] of seen) if (t - at > this.ttlMs) seen.delete(hash);
    let hits = 0;
    while (hits < blocks.length && seen.has(blocks[hits])) hits++;
    for (const hash of blocks) seen.set(hash, t);
    const cached = hits * this.blockTokens;
    return { promptTokens: tokens, cachedTokens: cached >= this.minTokens ? cached : 0 };
  }

  clear(): void {
    this.seen.clear();
  }
}
