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
  app.use(express.static(dir, { index: false }));
  app.get(/^\/(?!graphql|health|ready|auth\/|assets\/).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.set('cache-control', 'no-cache').sendFile(index);
  });
  return true;
}
