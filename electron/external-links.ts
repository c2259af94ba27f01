// The one way a link leaves the app for the OS browser. A page could navigate or window.open by script alone
// (an XSS, a crafted map note); Electron's navigation events do not say whether a person clicked, so main
// watches the window's own input events and lets a link out only within a moment of a click, tap or key
// press (each gesture opens at most one link), and only to an https site. No Electron import: tested as is.
import { safeHttpsUrl } from '../shared/domain/web-links.ts';

/** Input that counts as a person's activation (what Chromium calls a user gesture). */
const ACTIVATIONS = new Set(['mouseDown', 'mouseUp', 'keyDown', 'rawKeyDown', 'keyUp', 'char', 'gestureTap', 'touchEnd', 'pointerUp']);

/** How long after an activation a navigation it caused may arrive. */
export const GESTURE_WINDOW_MS = 1000;

export type LinkRefusal = 'not-https' | 'no-gesture';

export interface ExternalLinkGate {
  /** Every input event the window receives (webContents 'input-event'). */
  noteInput(type: string): void;
  /** Opens `url` when allowed; returns why not otherwise. */
  request(url: string): 'opened' | LinkRefusal;
}

export function createExternalLinkGate(deps: { open(url: string): void; now?: () => number }): ExternalLinkGate {
  const now = deps.now ?? (() => performance.now());
  let lastActivation = Number.NEGATIVE_INFINITY;
  return {
    noteInput: (type) => {
      if (ACTIVATIONS.has(type)) lastActivation = now();
    },
    request: (url) => {
      const href = safeHttpsUrl(url);
      if (href === null) return 'not-https';
      if (now() - lastActivation > GESTURE_WINDOW_MS) return 'no-gesture';
      lastActivation = Number.NEGATIVE_INFINITY; // one gesture, one link
      deps.open(href);
      return 'opened';
    },
  };
}
