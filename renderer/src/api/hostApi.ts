import type { NewsmarkApi } from '../../../shared/contract';
import { createWebClient, tokenFromLocation } from './webClient';

declare global {
  interface Window {
    /** Set by Electron's preload; absent in the browser host. */
    newsmark?: NewsmarkApi;
  }
}

/** The host the renderer runs in: Electron's preload API, else the browser host's client. */
export function connectToHost(): NewsmarkApi | null {
  if (window.newsmark) return window.newsmark;
  const token = tokenFromLocation(window.location);
  return token ? createWebClient(token) : null;
}
