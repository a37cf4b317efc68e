import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Express } from 'express';

/** Where `npm run build:web` puts the reference web app (and the offline explorer). */
export const WEB_DIST = resolve(__dirname, '..', 'web', 'dist');

/**
 * Serves the reference web app from the gateway's own origin: its hashed assets with a
 * long cache, and `index.html` for every other GET that is not the API (the app routes in
 * the browser, so `/projects/dmto-industrialization` is a URL a person can share). Does
 * nothing when the app was never built (a production image may serve the API alone).
 */
export function serveWebApp(app: Express, dir = WEB_DIST): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.use(
    '/assets',
    express.static(join(dir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }),
  );
  // The explorer's page has one URL, the API's own (serveExplorer), and only where it is on.
  app.get('/explorer.html', (_req, res) => {
    res.status(404).end();
  });
  app.use(express.static(dir, { index: false }));
  app.get(/^\/(?!graphql|health|ready|auth\/|assets\/).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.set('cache-control', 'no-cache').sendFile(index);
  });
  return true;
}

/**
 * The offline explorer (GraphiQL, bundled into web/dist by Vite) for a browser that opens
 * the API's URL: a GET that prefers HTML to JSON and carries no query. Everything else
 * (GET with `?query=`, POST, curl's catch-all Accept) goes on to the API. False when the explorer
 * was never built.
 */
export function serveExplorer(app: Express, path: string, dir = WEB_DIST): boolean {
  const page = join(dir, 'explorer.html');
  if (!existsSync(page)) return false;
  app.get(path, (req, res, next) => {
    if (req.query.query !== undefined || req.accepts(['application/json', 'text/html']) !== 'text/html')
      return next();
    res.set('cache-control', 'no-cache').sendFile(page);
  });
  return true;
}
