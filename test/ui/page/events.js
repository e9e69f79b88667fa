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
  globalThis.__uiTest = {
    // VS Code marks the body with the theme kind (vscode-dark, vscode-light, vscode-high-contrast).
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
