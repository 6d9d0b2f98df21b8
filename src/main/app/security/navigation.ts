// No page of ours ever navigates away or opens windows: links with http(s) go to the browser
// through the external-link policy, everything else is dropped; <webview> is never attached.
// Installed for every web contents the app creates (app 'web-contents-created').
import type { App, WebContents } from 'electron';
import { openExternalLink } from './external-links';
import { isAppUrl } from './origin';

export function lockDownWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return; // our own page (e.g. a hash change that reloads)
    event.preventDefault();
    openExternalLink(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalLink(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function installNavigationGuards(app: App): void {
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));
}
