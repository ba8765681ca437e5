import { h } from './dom';

const maxClientIdLength = 64; // protocol §1.4: longer ids are refused with close code 4103

/** The first screen: pick the client id to chat as. */
export function createLoginView(initialClientId: string, onSubmit: (clientId: string) => void): HTMLElement {
  const input = h('input', {
    name: 'clientId',
    placeholder: 'e.g. alice',
    value: initialClientId,
    maxlength: maxClientIdLength,
    autocomplete: 'username',
    required: true,
    'aria-label': 'Client id',
  });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h(
    'form',
    {
      class: 'login-card',
      onSubmit: (event: Event) => {
        event.preventDefault();
        const clientId = input.value.trim();
        if (!clientId) {
          error.textContent = 'Choose a client id: any name up to 64 characters.';
          return;
        }
        onSubmit(clientId);
      },
    },
    h('h1', {}, 'realtime chat'),
    h('p', { class: 'muted' }, 'A self-hosted LeanCloud realtime server. Open a second tab with another id to talk to yourself.'),
    h('label', {}, 'Your client id', input),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Connect'),
  );
  queueMicrotask(() => input.focus());
  return h('main', { class: 'login' }, form);
}
