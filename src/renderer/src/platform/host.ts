import { HOST_GLOBAL, type OneWindowHost } from '@core/host/contract';
import { createBrowserHost } from './browser-host';

declare global {
  interface Window {
    [HOST_GLOBAL]?: OneWindowHost;
  }
}

let host: OneWindowHost | undefined;

/** The Electron preload's host when present, else the browser implementation. */
export function getHost(): OneWindowHost {
  host ??= window[HOST_GLOBAL] ?? createBrowserHost(__APP_VERSION__);
  return host;
}
