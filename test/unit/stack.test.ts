import * as assert from 'assert';
import { detectStack } from '../../src/core/stack';

describe('detectStack', () => {
  it('finds React with TypeScript and Tailwind', () => {
    const stack = detectStack(JSON.stringify({ dependencies: { react: '^19' }, devDependencies: { tailwindcss: '^4', typescript: '^5' } }), false, ['src']);
    assert.deepStrictEqual([stack.framework, stack.typescript, stack.tailwind, stack.extension, stack.componentDir], ['react', true, true, '.tsx', 'src/components']);
    assert.strictEqual(stack.description, 'React + TypeScript + Tailwind CSS');
  });

  it('finds Vue, Svelte and Angular', () => {
    assert.strictEqual(detectStack(JSON.stringify({ dependencies: { vue: '3' } }), false).framework, 'vue');
    assert.strictEqual(detectStack(JSON.stringify({ devDependencies: { svelte: '5' } }), false).framework, 'svelte');
    const angular = detectStack(JSON.stringify({ dependencies: { '@angular/core': '19' } }), true, ['src']);
    assert.deepStrictEqual([angular.framework, angular.componentDir, angular.extension], ['angular', 'src/app', '.component.ts']);
  });

  it('falls back to plain HTML/CSS without package.json or with an unreadable one', () => {
    assert.strictEqual(detectStack(undefined, false).framework, 'html');
    assert.strictEqual(detectStack('{not json', false).description, 'plain HTML and CSS');
  });
});
