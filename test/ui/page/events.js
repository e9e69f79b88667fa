// Injected into the test page (addInitScript): builds real ClipboardEvent / DragEvent objects carrying File
// objects with real bytes, the way a user's paste or drop reaches the webview.
(() => {
  function dataTransfer(files, uriList) {
    const data = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      data.items.add(new File([bytes], f.name, { type: f.type }));
    }
    if (uriList) data.setData('text/uri-list', uriList);
    return data;
  }
  function target(selector) {
    const element = document.querySelector(selector);
    if (!element) throw new Error(`nothing matches ${selector}`);
    return element;
  }
  // In the webview's frame, the messages its host frame gave it, counted before the webview's own listener runs (this
  // script is added first), so test/ui/harness.ts can wait until a delivery has been taken.
  globalThis.__received = 0;
  if (globalThis.frameElement?.id === 'webview') {
    globalThis.addEventListener('message', (event) => {
      if (event.source === globalThis.frameElement?.ownerDocument.defaultView) globalThis.__received++;
    });
  }
  // Host messages come from the host frame that holds the webview (see test/ui/harness.ts), never from the webview itself.
  function fromHost(messages) {
    globalThis.frameElement.ownerDocument.defaultView.__deliver(messages);
  }
  globalThis.__uiTest = {
    // VS Code marks the body with the theme kind (vscode-dark, vscode-light, vscode-high-contrast).
    deliverWithBytes(message) {
      const decode = (value) => {
        if (Array.isArray(value)) return value.map(decode);
        if (value && typeof value === 'object') {
          if (typeof value.__bytes === 'string') return Uint8Array.from(atob(value.__bytes), (c) => c.charCodeAt(0));
          return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
        }
        return value;
      };
      fromHost([decode(message)]);
    },
    // Frame meter for the stream benchmark: rAF timestamps and long tasks from `start` until the text shows.
    /** Starts the frame meter, then posts every message in one synchronous burst. */
    burst(messages) {
      globalThis.__uiTest.startFrameMeter();
      fromHost(messages);
      globalThis.__meter.postedAt = performance.now() - globalThis.__meter.start;
    },
    startFrameMeter() {
      const meter = { frames: [], longTasks: [], start: performance.now() };
      new PerformanceObserver((list) => list.getEntries().forEach((e) => meter.longTasks.push(e.duration))).observe({ type: 'longtask' });
      const tick = (t) => {
        meter.frames.push(t);
        if (!meter.done) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      globalThis.__meter = meter;
    },
    /** Resolves with the figures once `selector` shows `text` in a painted frame. */
    frameMeterUntil(selector, text) {
      const meter = globalThis.__meter;
      return new Promise((resolve) => {
        const check = () => {
          if (!(document.querySelector(selector)?.textContent ?? '').includes(text)) return requestAnimationFrame(check);
          meter.done = true;
          const frames = meter.frames.filter((t) => t >= meter.start);
          let longest = 0;
          for (let i = 1; i < frames.length; i++) longest = Math.max(longest, frames[i] - frames[i - 1]);
          const work = performance.getEntriesByName('step-flash:stream-frame').filter((e) => e.startTime >= meter.start).map((e) => e.duration);
          resolve({ renders: work.length, longestRender: Math.max(0, ...work), ms: performance.now() - meter.start, postMs: meter.postedAt ?? 0, frames: frames.length, longest, longTasks: meter.longTasks.length, longestTask: Math.max(0, ...meter.longTasks) });
        };
        requestAnimationFrame(check);
      });
    },
    /** Counts every DOM change under `selector` from now on. */
    watchMutations(selector) {
      globalThis.__mutations = 0;
      new MutationObserver((records) => (globalThis.__mutations += records.length)).observe(target(selector), {
        subtree: true, childList: true, characterData: true, attributes: true,
      });
    },
    mutations() {
      return globalThis.__mutations;
    },
    /** What a successful injection would leave behind; a clean page reports no findings. */
    inertReport() {
      const all = Array.from(document.querySelectorAll('*'));
      return {
        pwned: globalThis.__pwned ?? null,
        scripts: document.scripts.length,
        handlers: all.flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}.${a.name}`)),
        hrefs: Array.from(document.querySelectorAll('#app [href], #app [action], #app [formaction]')).map((el) => el.outerHTML.slice(0, 80)),
        iframes: document.querySelectorAll('iframe, object, embed, frame').length,
        badImages: Array.from(document.querySelectorAll('img')).map((img) => img.getAttribute('src') ?? '').filter((src) => src && !/^(data:image\/|blob:)/.test(src)),
        styles: Array.from(document.querySelectorAll('#app style, #app [style]')).map((el) => el.outerHTML.slice(0, 80)),
      };
    },
    themeClass(name) {
      document.body.classList.add(name);
    },
    paste(files, selector) {
      target(selector).dispatchEvent(new ClipboardEvent('paste', { clipboardData: dataTransfer(files), bubbles: true, cancelable: true }));
    },
    drop(files, uriList, selector) {
      const element = target(selector);
      const data = dataTransfer(files, uriList);
      element.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      element.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
  };
})();
