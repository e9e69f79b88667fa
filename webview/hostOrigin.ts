/**
 * Which message events come from this webview's host. VS Code, desktop and code-server
 * alike, runs webview content in an iframe inside its host frame, both of one origin,
 * and the host posts with that origin as the target. Under code-server every webview
 * and the workbench itself share that origin, so the origin alone does not single out
 * our host: the sender must also be the very frame that holds this one. VS Code sets
 * `window.parent` to the content window itself, so that frame is reached through
 * `window.frameElement` instead (test/ui/harness.ts builds the same two frames).
 */
let reported = false;

export function fromHost(event: MessageEvent, report: (message: string) => void): boolean {
  const host = window.frameElement?.ownerDocument?.defaultView;
  if (host && event.source === host && event.origin === window.origin) return true;
  // Reported once: a page flooding the view with messages must not flood the log as well.
  if (!reported) {
    reported = true;
    report(`webview ignored a message that did not come from its host (origin ${event.origin || 'unknown'})`);
  }
  return false;
}
