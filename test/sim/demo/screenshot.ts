/**
 * Screenshot to Code, and images pasted into the chat: the demo model reads the image's
 * size and colours (image.ts), the stack and folder the product's prompt names, and the
 * user's note, checks what already exists there, then creates new component files.
 */
import type { SimReply } from '../types';
import { editsReply, prose, readCalls } from './answer';
import { inspectImage, type ImageFacts } from './image';
import { called, canRead, normalizePath, type DemoRequest } from './request';
import { layoutFor, uiFiles, type Look, type StackTarget } from './uiTemplates';

function targetFrom(task: string): StackTarget {
  const tailwind = /Tailwind/.test(task);
  const html = /as (\S+)\/index\.html and \S+\/styles\.css/.exec(task);
  if (html) return { framework: 'html', dir: html[1], ext: '.html', tailwind };
  const files = /files under (\S+?)\/ with the (\S+) extension/.exec(task);
  if (files) {
    const ext = files[2];
    const framework = ext === '.vue' ? 'vue' : ext === '.svelte' ? 'svelte' : ext === '.component.ts' ? 'angular' : 'react';
    return { framework, dir: files[1], ext, tailwind };
  }
  return { framework: 'html', dir: 'screenshot', ext: '.html', tailwind: false };
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function lookOf(facts: ImageFacts): Look {
  const background = facts.background ?? '#ffffff';
  const accent = facts.accent && luminance(facts.accent) < 0.6 ? facts.accent : '#2563eb';
  return { background, accent, text: luminance(background) > 0.5 ? '#1f2937' : '#f9fafb', width: Math.min(960, Math.max(320, facts.width ?? 480)) };
}

export function seen(facts: ImageFacts): string {
  const size = facts.width && facts.height ? `${facts.width}×${facts.height} px` : 'of unknown size';
  const colours = facts.background ? `, mostly ${facts.background}${facts.accent ? ` with ${facts.accent} as the accent` : ' with no strong accent colour'}` : '';
  return `a ${facts.mime.replace('image/', '').toUpperCase()} image ${size}${colours}`;
}

export function screenshotReply(req: DemoRequest): SimReply {
  const image = req.images[0];
  if (!image) return prose('Screenshot to Code was asked for, but the request carries no image.', 'I need the screenshot itself: copy one to the clipboard and run **Screenshot to Code** again.');
  const target = targetFrom(req.task);
  const note = /The user adds: ([\s\S]*)$/.exec(req.task)?.[1]?.trim() ?? '';
  const facts = inspectImage(image);
  const listing = called(req, 'list_files');
  if (!listing && canRead(req)) {
    return readCalls(req, `The screenshot is ${seen(facts)}. The project wants ${target.framework === 'html' ? 'plain HTML and CSS' : `${target.framework} components`} in ${target.dir}/. I'll check what is already there so I create new files without overwriting any.`, [['list_files', { glob: `${target.dir}/**` }]]);
  }
  const existing = new Set((listing?.result ?? '').split('\n').map(normalizePath));
  const layout = layoutFor(note);
  const look = lookOf(facts);
  const files = uiFiles(target, layout, look, (p) => existing.has(p));
  return editsReply(
    req,
    `From the screenshot (${seen(facts)}) and ${note ? `the note “${note}”` : 'no note'}, this is ${layout.fields.length ? 'a form' : layout.cards.length ? 'a set of pricing cards' : 'a content panel'}: ${layout.title}. I'll use ${look.background} as the background and ${look.accent} for the primary button, semantic markup with labels, and focus styles.`,
    `Recreated the screenshot as ${target.framework === 'html' ? 'plain HTML and CSS' : `a ${target.framework} component`}${target.tailwind ? ' with Tailwind classes' : ''}:\n\n${files.map(([p]) => `- \`${p}\` (new)`).join('\n')}\n\nColours come from the screenshot (${look.background} background, ${look.accent} accent); labels and focus styles keep it accessible.`,
    files.map(([path, content]) => ({ kind: 'create' as const, path, content })),
  );
}

/** An image pasted into the chat: code when asked for, else a description. */
export function chatImageReply(req: DemoRequest): SimReply {
  const facts = inspectImage(req.images[0]);
  const wantsCode = /\b(html|css|code|component|build|recreate|implement|make|turn|convert|create)\b/i.test(req.task);
  if (!wantsCode) {
    return prose(
      `The user attached ${seen(facts)} and asked: “${req.task || '(nothing)'}”.`,
      `I see ${seen(facts)}.${facts.background ? ` The dominant colour is \`${facts.background}\`${facts.accent ? ` and the accent is \`${facts.accent}\`` : ''}.` : ''}\n\nAsk me to **turn it into HTML and CSS** (or run *Screenshot to Code*) and I will propose the files.`,
    );
  }
  const target: StackTarget = { framework: 'html', dir: 'screenshot', ext: '.html', tailwind: false };
  const layout = layoutFor(req.task);
  const look = lookOf(facts);
  const files = uiFiles(target, layout, look, () => false);
  return editsReply(
    req,
    `The user attached ${seen(facts)} and wants code. Without a detected stack, plain HTML and CSS in screenshot/ are the safe choice.`,
    `Here is the screenshot as plain HTML and CSS — ${layout.title.toLowerCase()} in its colours (${look.background}, accent ${look.accent}). Use **Apply** to review the new files.`,
    files.map(([path, content]) => ({ kind: 'create' as const, path, content })),
  );
}
