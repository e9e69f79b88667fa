/**
 * The only way model-produced markup reaches the DOM: DOMPurify with the HTML
 * profile (no SVG/MathML), no inline styles (the CSP would refuse them anyway),
 * and links turned into inert elements the chat routes to the host.
 */
import DOMPurify from 'dompurify';

const SAFE_LINK = /^(https?:|mailto:)/i;
const SAFE_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,/i;

let hooked = false;
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  // Set once: passed to every sanitize call, the configuration would be parsed again each time, which
  // was a third of the cost of sanitizing a streaming answer's tail on each frame.
  DOMPurify.setConfig({
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction'],
    RETURN_DOM_FRAGMENT: true,
  });
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      node.removeAttribute('href');
      node.removeAttribute('target');
      if (SAFE_LINK.test(href.trim())) {
        // No href means the webview can never navigate; the click handler asks the host instead.
        node.setAttribute('data-href', href.trim());
        node.setAttribute('role', 'link');
        node.setAttribute('tabindex', '0');
        node.setAttribute('title', href.trim());
        node.classList.add('link');
      }
    }
    if (node.tagName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      // Remote images would be tracking pixels and are refused by the CSP: show their alt text instead.
      if (!SAFE_IMAGE.test(src)) {
        node.removeAttribute('src');
        node.setAttribute('data-blocked', src);
      }
    }
  });
}

/** Sanitized, live-ready nodes for `html` (never a string, so nothing re-parses it later). */
export function sanitizeToFragment(html: string): DocumentFragment {
  installHooks();
  const fragment = DOMPurify.sanitize(html) as unknown as DocumentFragment;
  for (const image of Array.from(fragment.querySelectorAll('img[data-blocked]'))) {
    const alt = image.getAttribute('alt') || 'image';
    const placeholder = document.createElement('span');
    placeholder.className = 'blocked-image';
    placeholder.textContent = `[${alt}]`;
    placeholder.title = 'Remote images are not loaded';
    image.replaceWith(placeholder);
  }
  return fragment;
}
