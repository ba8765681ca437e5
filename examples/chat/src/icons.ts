/**
 * Inline SVG icons. Emoji would be simpler, but many Linux machines (and headless Chromium)
 * have no emoji font and draw empty boxes. The markup is constant, never user input.
 */
const paths = {
  image:
    '<rect x="3" y="4" width="18" height="16" rx="2"/><circle cx="9" cy="10" r="2"/><path d="m21 16-5-5-9 9"/>',
  pin: '<path d="M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21z"/><circle cx="12" cy="9.5" r="2.5"/>',
} as const;

export type IconName = keyof typeof paths;

export function icon(name: IconName, size = 18): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = `icon-${name}`;
  span.setAttribute('aria-hidden', 'true');
  span.innerHTML = `<svg width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${paths[name]}</svg>`;
  return span;
}
