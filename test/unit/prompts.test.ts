import * as assert from 'assert';
import { commandSystemPrompt, parseSuggestedName, screenshotPrompt } from '../../src/core/prompts';
import { detectStack } from '../../src/core/stack';

describe('prompts', () => {
  it('reduces a rename reply to one identifier, or nothing', () => {
    assert.strictEqual(parseSuggestedName('`calculateCartTotal`\n'), 'calculateCartTotal');
    assert.strictEqual(parseSuggestedName('**sumLineItems**.'), 'sumLineItems');
    assert.strictEqual(parseSuggestedName('How about total price?'), undefined);
    assert.strictEqual(parseSuggestedName(''), undefined);
  });

  it('asks editing commands to use tools and to fall back to SEARCH/REPLACE', () => {
    const prompt = commandSystemPrompt('refactor', true);
    assert.match(prompt, /edit_file/);
    assert.match(prompt, /<<<<<<< SEARCH/);
    assert.doesNotMatch(commandSystemPrompt('explain', false), /edit_file/);
  });

  it('tells screenshot-to-code the stack and where files go', () => {
    const stack = detectStack(JSON.stringify({ dependencies: { react: '19', tailwindcss: '4' } }), true, ['src']);
    const prompt = screenshotPrompt(stack, 'a login form');
    assert.match(prompt, /React \+ TypeScript \+ Tailwind CSS/);
    assert.match(prompt, /src\/components\/.*\.tsx/);
    assert.match(prompt, /a login form/);
  });
});
