import type { MessageBody } from './chat-model';
import { describeError } from './conversation-list';
import { h } from './dom';
import { icon } from './icons';
import { imageFileToDataUrl } from './image-thumbnail';

/** Inline images must leave room in the 5 KB message body for the envelope (protocol §6). */
const maxInlineImageChars = 4000;

/** The input row: text, an image by link or small file, and the browser's location. */
export class Composer {
  readonly element: HTMLElement;
  private readonly text = h('input', {
    name: 'text',
    placeholder: 'Write a message',
    autocomplete: 'off',
    'aria-label': 'Message',
  });
  private readonly imageUrl = h('input', { name: 'imageUrl', type: 'url', placeholder: 'https://…/picture.png', 'aria-label': 'Image link' });
  private readonly imageFile = h('input', { name: 'imageFile', type: 'file', accept: 'image/*', 'aria-label': 'Image file' });
  private readonly imagePanel: HTMLFormElement;
  private readonly error = h('p', { class: 'form-error', role: 'alert' });

  constructor(private readonly send: (body: MessageBody) => void) {
    this.imagePanel = h(
      'form',
      { class: 'image-panel', hidden: true, onSubmit: (e: Event) => void this.sendImage(e) },
      this.imageUrl,
      h('span', { class: 'muted' }, 'or'),
      this.imageFile,
      h('button', { type: 'submit' }, 'Send image'),
    );
    const textForm = h(
      'form',
      { class: 'composer-row', onSubmit: (e: Event) => this.sendText(e) },
      h('button', { type: 'button', class: 'icon', title: 'Send an image', 'aria-label': 'Image', onClick: () => this.toggleImagePanel() }, icon('image')),
      h('button', { type: 'button', class: 'icon', title: 'Send your location', 'aria-label': 'Location', onClick: () => this.sendLocation() }, icon('pin')),
      this.text,
      h('button', { type: 'submit', class: 'primary' }, 'Send'),
    );
    this.element = h('div', { class: 'composer' }, this.imagePanel, textForm, this.error);
  }

  focus(): void {
    this.text.focus();
  }

  private sendText(event: Event): void {
    event.preventDefault();
    const text = this.text.value.trim();
    if (!text) return;
    this.error.textContent = '';
    this.send({ kind: 'text', text });
    this.text.value = '';
  }

  private toggleImagePanel(): void {
    this.imagePanel.hidden = !this.imagePanel.hidden;
    if (!this.imagePanel.hidden) this.imageUrl.focus();
  }

  private async sendImage(event: Event): Promise<void> {
    event.preventDefault();
    this.error.textContent = '';
    try {
      const file = this.imageFile.files?.[0];
      const url = file ? await imageFileToDataUrl(file, maxInlineImageChars) : this.imageUrl.value.trim();
      if (!url) throw new Error('Paste an image link or pick a file.');
      this.send({ kind: 'image', url });
      this.imagePanel.reset();
      this.imagePanel.hidden = true;
    } catch (error) {
      this.error.textContent = describeError(error);
    }
  }

  private sendLocation(): void {
    this.error.textContent = '';
    if (!('geolocation' in navigator)) {
      this.error.textContent = 'This browser cannot share a location.';
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) =>
        this.send({ kind: 'location', latitude: position.coords.latitude, longitude: position.coords.longitude, text: 'My location' }),
      (failure) => {
        this.error.textContent = `Location unavailable: ${failure.message || 'permission denied'}.`;
      },
      { timeout: 10_000 },
    );
  }
}
