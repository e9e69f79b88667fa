/** A modal that shows an image at full size; Escape, the close button or a click outside closes it. */
import { h } from '../dom';

export class ImageDialog {
  readonly element: HTMLDialogElement;
  private readonly image: HTMLImageElement;
  private readonly caption: HTMLElement;

  constructor() {
    this.image = h('img', { className: 'enlarged', attrs: { alt: '' } });
    this.caption = h('p', { className: 'dialog-caption' });
    const close = h('button', { className: 'btn btn-small', text: 'Close', attrs: { type: 'button', 'aria-label': 'Close image' }, on: { click: () => this.element.close() } });
    this.element = h('dialog', { className: 'image-dialog', attrs: { 'aria-label': 'Image preview' } }, [this.image, this.caption, close]);
    this.element.addEventListener('click', (event) => {
      if (event.target === this.element) this.element.close();
    });
  }

  show(src: string, name: string): void {
    this.image.src = src;
    this.image.alt = name;
    this.caption.textContent = name;
    if (!this.element.open) this.element.showModal();
  }
}
