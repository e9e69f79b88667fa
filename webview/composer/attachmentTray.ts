/** Renders the attachments waiting to be sent: image thumbnails and video chips. */
import type { ImageDetail } from '../../src/shared/protocol';
import { h } from '../dom';
import type { DraftVideo, ReadyImage } from './draft';

export interface TrayImage {
  id: string;
  name: string;
  url: string;
  ready?: ReadyImage;
}

export interface TrayHandlers {
  removeImage(id: string): void;
  toggleDetail(id: string): void;
  enlarge(url: string, name: string): void;
  removeVideo(id: string): void;
  cancelVideo(id: string): void;
}

function imageTile(image: TrayImage, handlers: TrayHandlers): HTMLElement {
  const ready = image.ready;
  const caption = ready ? `${ready.width}×${ready.height}${ready.note ? ` · ${ready.note}` : ''}` : 'Preparing…';
  const detail: ImageDetail | undefined = ready?.detail;
  return h('div', { className: `tile${ready ? '' : ' preparing'}`, attrs: { 'data-attachment-id': image.id } }, [
    h('img', {
      className: 'thumb',
      attrs: { src: image.url, alt: image.name, role: 'button', tabindex: '0', 'aria-label': `Enlarge ${image.name}` },
      on: {
        click: () => handlers.enlarge(image.url, image.name),
        keydown: (event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            handlers.enlarge(image.url, image.name);
          }
        },
      },
    }),
    h('span', { className: 'tile-name', text: image.name, attrs: { title: image.name } }),
    h('span', { className: 'tile-caption', text: caption }),
    detail
      ? h('button', {
          className: 'btn btn-small detail-toggle',
          text: `Detail: ${detail}`,
          attrs: { type: 'button', 'aria-label': `Image detail for ${image.name}: ${detail}. Switch to ${detail === 'high' ? 'low' : 'high'}`, 'aria-pressed': String(detail === 'high') },
          on: { click: () => handlers.toggleDetail(image.id) },
        })
      : null,
    h('button', {
      className: 'btn-icon remove',
      text: '×',
      attrs: { type: 'button', 'aria-label': `Remove ${image.name}`, title: 'Remove' },
      on: { click: () => handlers.removeImage(image.id) },
    }),
  ]);
}

const VIDEO_STATE_LABEL: Record<DraftVideo['state'], string> = {
  reading: 'Reading…',
  checking: 'Checking…',
  uploading: 'Uploading',
  ready: 'Ready',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

function videoChip(video: DraftVideo, handlers: TrayHandlers): HTMLElement {
  const busy = video.state === 'reading' || video.state === 'checking' || video.state === 'uploading';
  const progress = video.state === 'uploading' ? h('progress', { attrs: { max: '1', 'aria-label': `Upload progress for ${video.name}` } }) : null;
  if (progress && video.progress !== undefined) progress.value = video.progress;
  const label = video.state === 'uploading' && video.progress !== undefined ? `Uploading ${Math.round(video.progress * 100)}%` : VIDEO_STATE_LABEL[video.state];
  return h('div', { className: `video-chip ${video.state}`, attrs: { 'data-video-id': video.id } }, [
    h('span', { className: 'tile-name', text: `Video: ${video.name}`, attrs: { title: video.name } }),
    h('span', { className: 'video-state', text: label }),
    progress,
    video.message ? h('span', { className: 'video-message', text: video.message }) : null,
    busy
      ? h('button', { className: 'btn btn-small', text: 'Cancel', attrs: { type: 'button', 'aria-label': `Cancel ${video.name}` }, on: { click: () => handlers.cancelVideo(video.id) } })
      : h('button', { className: 'btn-icon remove', text: '×', attrs: { type: 'button', 'aria-label': `Remove ${video.name}`, title: 'Remove' }, on: { click: () => handlers.removeVideo(video.id) } }),
  ]);
}

export function renderTray(tray: HTMLElement, images: TrayImage[], videos: DraftVideo[], handlers: TrayHandlers): void {
  tray.replaceChildren(...images.map((image) => imageTile(image, handlers)), ...videos.map((video) => videoChip(video, handlers)));
  tray.hidden = images.length === 0 && videos.length === 0;
}
