import type express from 'express';
import { CONSOLE_CSS, CONSOLE_HTML, CONSOLE_JS } from './console-page';

/** Serves the training console: `/console` (the page), its script and style; everything else it reads is the API. */
export function addConsoleRoutes(app: express.Express): void {
  const send = (type: string, text: string) => (_req: express.Request, res: express.Response) => {
    res
      .type(type)
      .set('Cache-Control', 'no-cache')
      .set('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'")
      .send(text);
  };
  app.get(['/console', '/console/', '/console/index.html'], send('html', CONSOLE_HTML));
  app.get('/console/console.js', send('js', CONSOLE_JS));
  app.get('/console/console.css', send('css', CONSOLE_CSS));
}
