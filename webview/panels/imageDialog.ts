/** A modal that shows an image at full size; Escape, the close button or a click outside closes it. */
import { h } from '../dom';
import { toolkitButton } from '../toolkit';

export class ImageDialog {
  readonly element: HTMLDialogElement;
  private readonly image: HTMLImageElement;
  private readonly caption: HTMLElement;

  constructor() {
    this.image = h('img', { className: 'enlarged', attrs: { alt: '' } });
    this.caption = h('p', { className: 'dialog-caption' });
    const close = toolkitButton('Close', () => this.element.close(), { ariaLabel: 'Close image' });
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
