/**
 * The router URL. Built pages are served by the realtime server itself (`--static`), so the
 * page's own origin is the server. `npm run dev` serves the page from Vite instead, so it
 * can point elsewhere with `VITE_REALTIME_ORIGIN=http://localhost:3000`.
 */
export function routerUrl(): string {
  const origin = (import.meta.env.VITE_REALTIME_ORIGIN as string | undefined) || location.origin;
  return new URL('/v1/route', origin).toString();
}

/**
 * The app id to log in with: `?appId=` in the page URL, else the build-time
 * `VITE_REALTIME_APP_ID`, else the server's default dev app id (`--app-id` changes it there).
 */
export const demoAppId: string =
  new URLSearchParams(location.search).get('appId') ||
  (import.meta.env.VITE_REALTIME_APP_ID as string | undefined) ||
  'realtime-dev-app';
