import * as assert from 'assert';
import { openableLink } from '../../../src/shared/links';
import { imageDataUrl, isAcceptedImageMime } from '../../../src/shared/media';

describe('openableLink: the links the chat may open', () => {
  it('opens http and https links with a host, and mailto links with an address, normalized', () => {
    assert.strictEqual(openableLink('https://example.com/docs?q=1#top'), 'https://example.com/docs?q=1#top');
    assert.strictEqual(openableLink(' HTTP://Example.com '), 'http://example.com/');
    assert.strictEqual(openableLink('mailto:team@example.com?subject=hi'), 'mailto:team@example.com?subject=hi');
  });

  it('refuses everything else, however it is dressed up as https', () => {
    for (const href of [
      'https:javascript:alert(1)', 'HTTPS:javascript:alert(1)', 'http:javascript:alert(1)', 'javascript:alert(1)', ' javascript:alert(1)',
      'data:text/html,<script>1</script>', 'file:///etc/passwd', 'vscode://settings', 'command:workbench.action.quit', 'https://', 'mailto:', 'mailto:javascript:alert(1)',
      '/relative/path', '#anchor', '', 'not a url',
    ]) {
      assert.strictEqual(openableLink(href), undefined, href);
    }
  });
});

describe('imageDataUrl: image sources only for image types', () => {
  it('builds a data: URL for the accepted image types with base64 data', () => {
    assert.strictEqual(imageDataUrl('image/png', 'iVBORw0KGgo='), 'data:image/png;base64,iVBORw0KGgo=');
    for (const mime of ['image/png', 'image/jpeg', 'image/webp', 'image/gif']) assert.ok(isAcceptedImageMime(mime), mime);
  });

  it('refuses other types and payloads that are not base64', () => {
    for (const [mime, data] of [['text/html', 'PHNjcmlwdD4='], ['image/svg+xml', 'PHN2Zz4='], ['image/png;charset=x', 'iVBO'], [undefined, 'iVBO'], ['image/png', 'a,b'], ['image/png', ''], ['image/png', '"><x']]) {
      assert.strictEqual(imageDataUrl(mime, data), undefined, `${mime} ${data}`);
    }
    assert.ok(!isAcceptedImageMime('text/html') && !isAcceptedImageMime(42));
  });
});
