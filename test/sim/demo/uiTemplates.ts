/**
 * The user interfaces the demo model recreates from a screenshot: a layout (sign-in form,
 * pricing cards or a content panel, chosen from the user's note) rendered for each stack
 * the product detects (src/core/stack.ts), in the screenshot's own colours.
 */

export interface Look {
  background: string;
  accent: string;
  text: string;
  /** Width of the main column in px, from the screenshot's width. */
  width: number;
}

interface Field {
  id: string;
  label: string;
  type: string;
  autocomplete: string;
}

export interface Layout {
  component: string;
  title: string;
  intro: string;
  fields: Field[];
  button: string;
  cards: Array<{ name: string; price: string }>;
}

export function layoutFor(note: string): Layout {
  const n = note.toLowerCase();
  if (/sign ?up|register|create (an )?account/.test(n)) {
    return {
      component: 'SignUpForm',
      title: 'Create your account',
      intro: 'It takes less than a minute.',
      fields: [
        { id: 'name', label: 'Name', type: 'text', autocomplete: 'name' },
        { id: 'email', label: 'Email', type: 'email', autocomplete: 'email' },
        { id: 'password', label: 'Password', type: 'password', autocomplete: 'new-password' },
      ],
      button: 'Sign up',
      cards: [],
    };
  }
  if (/log ?in|sign ?in|password/.test(n)) {
    return {
      component: 'LoginForm',
      title: 'Sign in',
      intro: 'Welcome back. Enter your details to continue.',
      fields: [
        { id: 'email', label: 'Email', type: 'email', autocomplete: 'email' },
        { id: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' },
      ],
      button: 'Sign in',
      cards: [],
    };
  }
  if (/pric|plan|tier/.test(n)) {
    return { component: 'PricingPlans', title: 'Choose a plan', intro: 'Change or cancel at any time.', fields: [], button: 'Get started', cards: [{ name: 'Starter', price: '$0' }, { name: 'Pro', price: '$12' }, { name: 'Team', price: '$49' }] };
  }
  return { component: 'FeaturePanel', title: 'Welcome', intro: 'Everything you need, in one place.', fields: [], button: 'Continue', cards: [] };
}

const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** Markup shared by the stacks; `cls` is "class" or "className", and JSX closes void elements. */
function markup(l: Layout, cls: string, jsx: boolean, indent: string): string {
  const end = jsx ? ' />' : '>';
  const forAttr = jsx ? 'htmlFor' : 'for';
  const lines = [`<main ${cls}="panel">`, `  <h1>${l.title}</h1>`, `  <p ${cls}="intro">${l.intro}</p>`];
  if (l.fields.length) {
    lines.push(`  <form ${cls}="form">`);
    for (const f of l.fields) {
      lines.push(`    <label ${forAttr}="${f.id}">${f.label}</label>`, `    <input id="${f.id}" name="${f.id}" type="${f.type}" ${jsx ? 'autoComplete' : 'autocomplete'}="${f.autocomplete}" required${end}`);
    }
    lines.push(`    <button type="submit">${l.button}</button>`, '  </form>');
  } else if (l.cards.length) {
    lines.push(`  <ul ${cls}="cards">`);
    for (const c of l.cards) lines.push(`    <li ${cls}="card">`, `      <h2>${c.name}</h2>`, `      <p ${cls}="price">${c.price}<span>/month</span></p>`, `      <button type="button">${l.button}</button>`, '    </li>');
    lines.push('  </ul>');
  } else {
    lines.push(`  <button type="button">${l.button}</button>`);
  }
  lines.push('</main>');
  return lines.map((x) => indent + x).join('\n');
}

export function css(look: Look): string {
  return `:root {
  --background: ${look.background};
  --accent: ${look.accent};
  --text: ${look.text};
}

.panel {
  box-sizing: border-box;
  max-width: ${look.width}px;
  margin: 48px auto;
  padding: 32px;
  border-radius: 12px;
  background: var(--background);
  color: var(--text);
  font-family: system-ui, sans-serif;
}

.panel h1 {
  margin: 0 0 8px;
  font-size: 1.6rem;
}

.intro {
  margin: 0 0 24px;
  opacity: 0.8;
}

.form {
  display: grid;
  gap: 8px;
}

.form input {
  padding: 10px 12px;
  border: 1px solid color-mix(in srgb, var(--text) 25%, transparent);
  border-radius: 8px;
  font: inherit;
}

.cards {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(160px, 1fr));
  gap: 16px;
  padding: 0;
  list-style: none;
}

.card {
  padding: 16px;
  border: 1px solid color-mix(in srgb, var(--text) 15%, transparent);
  border-radius: 10px;
}

.price {
  font-size: 1.5rem;
  font-weight: 600;
}

button {
  margin-top: 16px;
  padding: 10px 16px;
  border: 0;
  border-radius: 8px;
  background: var(--accent);
  color: #fff;
  font: inherit;
  cursor: pointer;
}

button:focus-visible,
input:focus-visible {
  outline: 2px solid var(--accent);
  outline-offset: 2px;
}
`;
}

function tailwindClasses(html: string, look: Look): string {
  return html
    .replace('className="panel"', `className="mx-auto my-12 max-w-[${look.width}px] rounded-xl bg-[${look.background}] p-8 font-sans text-[${look.text}]"`)
    .replace('className="intro"', 'className="mb-6 opacity-80"')
    .replace('className="form"', 'className="grid gap-2"')
    .replace('className="cards"', 'className="grid list-none grid-cols-[repeat(auto-fit,minmax(160px,1fr))] gap-4 p-0"')
    .replace(/className="card"/g, 'className="rounded-lg border p-4"')
    .replace(/className="price"/g, 'className="text-2xl font-semibold"')
    .replace(/<h1>/, '<h1 className="mb-2 text-2xl">')
    .replace(/<button /g, `<button className="mt-4 rounded-lg bg-[${look.accent}] px-4 py-2 text-white" `)
    .replace(/<input /g, '<input className="rounded-lg border px-3 py-2" ');
}

export interface StackTarget {
  framework: 'html' | 'react' | 'vue' | 'svelte' | 'angular';
  dir: string;
  ext: string;
  tailwind: boolean;
}

/** The files for one stack: [path, content] pairs, named after the layout's component. */
export function uiFiles(target: StackTarget, l: Layout, look: Look, taken: (path: string) => boolean): Array<[string, string]> {
  const free = (base: string, ext: string) => {
    let path = `${target.dir}/${base}${ext}`;
    for (let n = 2; taken(path); n++) path = `${target.dir}/${base}${n}${ext}`;
    return path;
  };
  switch (target.framework) {
    case 'html': {
      const page = free('index', '.html');
      const style = free('styles', '.css');
      const html = `<!doctype html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <meta name="viewport" content="width=device-width, initial-scale=1">\n  <title>${l.title}</title>\n  <link rel="stylesheet" href="${style.slice(style.lastIndexOf('/') + 1)}">\n</head>\n<body>\n${markup(l, 'class', false, '  ')}\n</body>\n</html>\n`;
      return [[page, html], [style, css(look)]];
    }
    case 'react': {
      const file = free(l.component, target.ext);
      const jsx = markup(l, 'className', true, '    ');
      const cssFile = `${file.slice(0, -target.ext.length)}.css`;
      const head = target.tailwind ? '' : `import './${cssFile.slice(cssFile.lastIndexOf('/') + 1)}';\n\n`;
      const body = `${head}export function ${l.component}() {\n  return (\n${target.tailwind ? tailwindClasses(jsx, look) : jsx}\n  );\n}\n`;
      return target.tailwind ? [[file, body]] : [[file, body], [cssFile, css(look)]];
    }
    case 'vue':
      return [[free(l.component, '.vue'), `<template>\n${markup(l, 'class', false, '  ')}\n</template>\n\n<script setup lang="ts"></script>\n\n<style scoped>\n${css(look)}</style>\n`]];
    case 'svelte':
      return [[free(l.component, '.svelte'), `${markup(l, 'class', false, '')}\n\n<style>\n${css(look)}</style>\n`]];
    case 'angular': {
      const name = kebab(l.component);
      const template = markup(l, 'class', false, '    ').replace(/`/g, '\\`');
      const styles = css(look).replace(/`/g, '\\`');
      return [[free(name, '.component.ts'), `import { Component } from '@angular/core';\n\n@Component({\n  selector: 'app-${name}',\n  standalone: true,\n  template: \`\n${template}\n  \`,\n  styles: [\`\n${styles}  \`],\n})\nexport class ${l.component}Component {}\n`]];
    }
  }
}
