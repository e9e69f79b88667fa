import * as assert from 'assert';
import { EDIT_TOOLS } from '../../src/core/edits';
import { CHAT_SYSTEM_PROMPT, commandSystemPrompt, parseSuggestedName, screenshotPrompt } from '../../src/core/prompts';
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

  it('teaches one block format: exact markers, search copied without line numbers or hints, new files never over existing ones', () => {
    for (const prompt of [CHAT_SYSTEM_PROMPT, commandSystemPrompt('fix', false), commandSystemPrompt('refactor', true)]) {
      assert.match(prompt, /<<<<<<< SEARCH\n[^]*\n=======\n[^]*\n>>>>>>> REPLACE/);
      assert.match(prompt, /seven <, seven =, seven >/);
      assert.match(prompt, /without line numbers and without hints such as ":start_line:"/);
      assert.match(prompt, /never replaces a file that already exists/);
    }
    assert.match(commandSystemPrompt('refactor', true), /create_file \(new files only: an existing file is never overwritten\)/);
    const create = EDIT_TOOLS.find((t) => t.function.name === 'create_file');
    assert.match(create?.function.description ?? '', /Only for a path that does not exist yet: an existing file is never overwritten; change it with edit_file/);
    const edit = EDIT_TOOLS.find((t) => t.function.name === 'edit_file');
    assert.match(edit?.function.description ?? '', /without line numbers/);
  });

  it('tells screenshot-to-code the stack and where files go', () => {
    const stack = detectStack(JSON.stringify({ dependencies: { react: '19', tailwindcss: '4' } }), true, ['src']);
    const prompt = screenshotPrompt(stack, 'a login form');
    assert.match(prompt, /React \+ TypeScript \+ Tailwind CSS/);
    assert.match(prompt, /src\/components\/.*\.tsx/);
    assert.match(prompt, /a login form/);
  });
});
