/**
 * Plain-English descriptions of declarations, from their names, types and bodies: the
 * sentences the demo model writes in doc comments and in explanations.
 */
import { ts, walk, type Decl, type Param } from './source';
import { capitalize, isPredicate, isVerb, phrase, plural, splitWords, thirdPerson } from './words';

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}

/** "LineItem[]" → "the line items", "number" → undefined (nothing to add). */
function typeNoun(type: string | undefined): string | undefined {
  if (!type) return undefined;
  const list = /^(?:readonly\s+)?(\w+)\[\]$/.exec(type) ?? /^(?:Readonly)?Array<(\w+)>$/.exec(type);
  if (list && !/^(string|number|boolean|unknown|any)$/.test(list[1])) return plural(phrase(list[1]));
  if (/^[A-Z]\w*$/.test(type)) return phrase(type);
  return undefined;
}

/** What a body does, in a few words: sums over a parameter, builds text, calls helpers. */
export function bodyHints(decl: Decl): string[] {
  if (!decl.body) return [];
  const params = new Set((decl.params ?? []).map((p) => p.name));
  const hints: string[] = [];
  const calls = new Set<string>();
  let loopsOver: string | undefined;
  let accumulates = false;
  let template = false;
  walk(decl.body, (node) => {
    if (ts.isForOfStatement(node) && ts.isIdentifier(node.expression) && params.has(node.expression.text)) loopsOver = node.expression.text;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression)) {
      const method = node.expression.name.text;
      if (params.has(node.expression.expression.text) && ['reduce', 'map', 'forEach', 'filter'].includes(method)) {
        loopsOver = node.expression.expression.text;
        if (method === 'reduce') accumulates = true;
      }
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) accumulates = true;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text !== decl.name) calls.add(node.expression.text);
    if (ts.isTemplateExpression(node)) template = true;
  });
  if (loopsOver) hints.push(accumulates ? `Adds up a value for each entry of \`${loopsOver}\`.` : `Goes through each entry of \`${loopsOver}\`.`);
  if (template) hints.push('Builds its result from a template string.');
  if (calls.size) hints.push(`Uses ${[...calls].map((c) => `\`${c}()\``).join(', ')}.`);
  return hints;
}

/** One sentence: what the declaration is or does. */
export function summary(decl: Decl, owner?: string): string {
  const words = splitWords(decl.name);
  const spoken = phrase(decl.name).split(' ');
  switch (decl.kind) {
    case 'interface':
    case 'type':
    case 'class':
      return `${capitalize(article(phrase(decl.name)))} ${phrase(decl.name)}.`;
    case 'property':
      return owner ? `The ${phrase(decl.name)} of ${article(owner)} ${owner}.` : `The ${phrase(decl.name)}.`;
    default:
      break;
  }
  if (decl.params === undefined) return `The ${phrase(decl.name)}.`;
  const rest = spoken.slice(1).join(' ');
  if (isPredicate(words[0])) return `Checks whether ${rest ? `the ${rest}` : 'it'} ${words[0] === 'is' ? 'holds' : words[0] === 'has' ? 'is present' : 'is allowed'}.`;
  if (isVerb(spoken[0])) return `${capitalize(thirdPerson(spoken[0]))} the ${rest || typeNoun(decl.params[0]?.type) || phrase(decl.params[0]?.name ?? 'value')}.`;
  const type = decl.returnType ?? '';
  if (type === 'number') return `Computes the ${spoken.join(' ')}.`;
  if (type === 'boolean') return `Checks whether ${spoken.join(' ')}.`;
  if (type === 'string') return `Builds the ${spoken.join(' ')} text.`;
  if (type === 'void') return `Handles ${spoken.join(' ')}.`;
  return `Returns the ${spoken.join(' ')}.`;
}

export function paramText(p: Param): string {
  const noun = typeNoun(p.type);
  const words = phrase(p.name);
  const base = noun && !words.split(' ').every((w) => noun.includes(w)) ? `The ${words} (${noun}).` : `The ${noun ?? words}.`;
  return p.init !== undefined ? `${base.slice(0, -1)}; defaults to \`${p.init}\`.` : base;
}

export function returnsText(decl: Decl): string | undefined {
  const type = decl.returnType;
  if (!type || type === 'void' || type.startsWith('Promise<void')) return undefined;
  const spoken = phrase(decl.name).split(' ');
  const rest = isVerb(spoken[0]) ? spoken.slice(1).join(' ') : spoken.join(' ');
  if (type === 'boolean') return `\`true\` when ${rest || 'it'} ${spoken[0] === 'has' ? 'is present' : 'holds'}.`;
  if (spoken[0] === 'format') return `The formatted ${rest || 'value'}.`;
  if (spoken[0] === 'describe') return `A description of the ${rest || 'value'}.`;
  return `The ${rest || typeNoun(type) || 'result'}${type === 'string' && !/text|label|name|description/.test(rest) ? ' as text' : ''}.`;
}
