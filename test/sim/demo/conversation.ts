/**
 * Answers in words: Explain and Ask on attached code (what each declaration is and does,
 * what it depends on, what is worth knowing), and plain chat, which says honestly what
 * this simulated model can and cannot do rather than echoing the message.
 */
import type { SimReply } from '../types';
import { prose } from './answer';
import { bodyHints, summary } from './describe';
import type { ContextText, DemoRequest } from './request';
import { declarations, imports, isScript, parse, ts, walk } from './source';

function signature(name: string, params: Array<{ name: string }> | undefined, type: string | undefined): string {
  return `\`${name}${params ? `(${params.map((p) => p.name).join(', ')})` : ''}\`${type ? ` → \`${type}\`` : ''}`;
}

/** Things a reviewer would point out: money in floating point, `any`, loose equality. */
function worthKnowing(block: ContextText): string[] {
  const sf = parse(block.path, block.text);
  const notes: string[] = [];
  let money = false;
  let anyType = false;
  let loose = false;
  walk(sf, (node) => {
    if ((ts.isPropertySignature(node) || ts.isParameter(node)) && node.type?.getText(sf) === 'number' && /price|amount|total|cost/i.test(node.name.getText(sf))) money = true;
    if (node.kind === ts.SyntaxKind.AnyKeyword) anyType = true;
    if (ts.isBinaryExpression(node) && [ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(node.operatorToken.kind)) loose = true;
  });
  if (money) notes.push('Money is held in floating-point `number`s, so sums such as 0.1 + 0.2 can be off by a fraction of a cent; integer cents avoid that.');
  if (anyType) notes.push('`any` switches type checking off where it appears; a precise type (or `unknown` plus a check) keeps the compiler helping.');
  if (loose) notes.push('`==` / `!=` convert types before comparing; `===` / `!==` say exactly what is meant.');
  return notes;
}

export function explainBlock(block: ContextText): string {
  if (!isScript(block.path)) {
    const lines = block.text.split('\n').length;
    return `\`${block.path}\`${block.startLine !== undefined ? ` (from line ${block.startLine + 1})` : ''} is ${lines} line(s) of ${block.language || 'text'}. I can describe TypeScript and JavaScript in detail; for other languages, ask about a specific part.`;
  }
  const sf = parse(block.path, block.text);
  const decls = declarations(sf);
  const where = block.label === 'Selection' ? `The selection in \`${block.path}\` (from line ${(block.startLine ?? 0) + 1})` : `\`${block.path}\``;
  if (!decls.length) return `${where} has no top-level declarations; it is ${block.text.split('\n').length} line(s) of statements.`;
  const out = [`${where} declares ${decls.length} thing(s):`, ''];
  for (const d of decls) {
    const fields = d.members?.length ? ` Its fields: ${d.members.map((m) => `\`${m.name}\``).join(', ')}.` : '';
    out.push(`- **${signature(d.name, d.params, d.returnType)}**${d.exported ? '' : ' (not exported)'} — ${summary(d)}${fields}${d.params ? ` ${bodyHints(d).join(' ')}` : ''}`.trimEnd());
  }
  const deps = imports(sf);
  if (deps.length) out.push('', `It depends on ${deps.map((i) => `${i.names.map((n) => `\`${n}\``).join(', ') || 'the module'} from \`${i.specifier}\``).join('; ')}.`);
  const notes = worthKnowing(block);
  if (notes.length) out.push('', '**Worth knowing**', '', ...notes.map((n) => `- ${n}`));
  return out.join('\n');
}

export function explainReply(req: DemoRequest): SimReply {
  const question = req.intent === 'ask' || (!req.intent && req.task) ? req.task : '';
  const parts = req.blocks.map(explainBlock);
  const lead = question ? `You asked: *${question.replace(/\s+/g, ' ')}* — here is what the code does, which answers it.\n\n` : '';
  return prose(
    `The request carries ${req.blocks.map((b) => b.path).join(', ')}. I'll go through each declaration — name, parameters, types, and what its body does — then point out anything surprising.${question ? ` The question is: ${question}` : ''}`,
    `${lead}${parts.join('\n\n')}`,
  );
}

const GREETING = /^\s*(hi|hello|hey|good (morning|afternoon|evening)|hallo)\b/i;

export function chatReply(req: DemoRequest): SimReply {
  const said = req.task.replace(/\s+/g, ' ').trim();
  const capabilities = [
    '- **Explain** or **Ask** about a selection: what each declaration does and what is worth knowing.',
    '- **Refactor** `src/cart.ts` (“extract the line total”): a change set that creates `src/pricing.ts` and changes two files.',
    '- **Rename Symbol** on `calcDisc` in `src/discount.ts`, **Fix Problems** there (it has a real compiler error), **Generate Tests** and **Add Documentation** for `src/cart.ts`.',
    '- Paste a screenshot here, or run **Screenshot to Code**, to get HTML and CSS in its colours.',
  ].join('\n');
  if (!said || GREETING.test(said)) {
    return prose(
      'A greeting. I should say who I am and what can be tried from here.',
      `Hello! I'm the **demo model** of the Step API simulator: I answer from what your request contains, without a real model behind me. Things to try in the sample workspace:\n\n${capabilities}`,
    );
  }
  const topic = said.length > 80 ? `${said.slice(0, 77)}…` : said;
  return prose(
    `The user asks: "${topic}". No code is attached, and as the simulator's demo model I can only compute answers from code the request carries, so the honest answer is to say so and show what works.`,
    `That is a question for a real model. I'm the simulator's **demo model**: I work only from code you attach, and a Step 3.7 Flash key (*Step Flash: Set API Key*) gets you real answers. With code attached (select it, or type \`@\` to mention a file) I can show you:\n\n${capabilities}`,
  );
}
