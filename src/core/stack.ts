/**
 * Detects the UI stack of a workspace from its package.json, so that
 * screenshot-to-code proposes components the project can use.
 */
export type UiFramework = 'react' | 'vue' | 'svelte' | 'angular' | 'html';

export interface StackInfo {
  framework: UiFramework;
  typescript: boolean;
  tailwind: boolean;
  /** Human description used in the prompt and the progress message. */
  description: string;
  /** Where new components go, relative to the workspace root. */
  componentDir: string;
  extension: string;
}

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export function detectStack(packageJsonText: string | undefined, hasTsconfig: boolean, existingDirs: readonly string[] = []): StackInfo {
  let pkg: PackageJson = {};
  if (packageJsonText) {
    try {
      pkg = JSON.parse(packageJsonText) as PackageJson;
    } catch {
      pkg = {};
    }
  }
  const deps = { ...pkg.peerDependencies, ...pkg.devDependencies, ...pkg.dependencies };
  const has = (name: string) => Object.prototype.hasOwnProperty.call(deps, name);
  const typescript = hasTsconfig || has('typescript');
  const tailwind = has('tailwindcss') || has('@tailwindcss/vite') || has('@tailwindcss/postcss');
  const framework: UiFramework = has('@angular/core')
    ? 'angular'
    : has('svelte')
      ? 'svelte'
      : has('vue') || has('nuxt')
        ? 'vue'
        : has('react') || has('next') || has('preact')
          ? 'react'
          : 'html';
  const srcDir = existingDirs.includes('src') ? 'src/' : '';
  const componentDir = framework === 'html' ? 'screenshot' : framework === 'angular' ? `${srcDir}app` : `${srcDir}components`;
  const extension = {
    react: typescript ? '.tsx' : '.jsx',
    vue: '.vue',
    svelte: '.svelte',
    angular: '.component.ts',
    html: '.html',
  }[framework];
  const names = { react: 'React', vue: 'Vue', svelte: 'Svelte', angular: 'Angular', html: 'plain HTML and CSS' };
  const description = [names[framework], framework !== 'html' && typescript ? 'TypeScript' : '', tailwind ? 'Tailwind CSS' : '']
    .filter(Boolean)
    .join(' + ');
  return { framework, typescript, tailwind, description, componentDir, extension };
}
