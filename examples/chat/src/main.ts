import './styles.css';
import { ChatApp } from './chat-app';
import { describeError } from './conversation-list';
import { replaceChildren, h } from './dom';
import { createLoginView } from './login-view';
import { openChatSession } from './sdk-chat-session';

// localStorage pre-fills the id for next time; sessionStorage (one per tab, kept across
// reloads) signs a reloaded tab straight back in, while two tabs can still be two people.
const rememberedIdKey = 'realtime-chat:client-id';
const root = document.getElementById('app')!;

function conversationInUrl(): string | undefined {
  const match = /^#c=(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : undefined;
}

function showLogin(message?: string): void {
  sessionStorage.removeItem(rememberedIdKey);
  const view = createLoginView(localStorage.getItem(rememberedIdKey) ?? '', (clientId) => void signIn(clientId));
  if (message) view.querySelector('.form-error')!.textContent = message;
  replaceChildren(root, view);
}

async function signIn(clientId: string): Promise<void> {
  const status = h('p', { class: 'login-card muted', role: 'status' }, `Connecting as ${clientId}…`);
  replaceChildren(root, h('main', { class: 'login' }, status));
  // The SDK keeps retrying an unreachable server, so say what is going on instead of waiting silently.
  const slowHint = setTimeout(() => {
    status.textContent = `Still connecting as ${clientId}… Is the server at ${location.host} running? This page keeps trying.`;
  }, 5000);
  try {
    const session = await openChatSession(clientId);
    clearTimeout(slowHint);
    localStorage.setItem(rememberedIdKey, clientId);
    sessionStorage.setItem(rememberedIdKey, clientId);
    const app = new ChatApp(session, () => {
      history.replaceState(null, '', location.pathname);
      showLogin();
    });
    replaceChildren(root, app.element);
    await app.start(conversationInUrl());
  } catch (error) {
    clearTimeout(slowHint);
    showLogin(`Could not connect: ${describeError(error)}`);
  }
}

const signedIn = sessionStorage.getItem(rememberedIdKey);
if (signedIn) void signIn(signedIn);
else showLogin();
