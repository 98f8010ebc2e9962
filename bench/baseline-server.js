// The bare-express baseline of the benchmark (performance-goals.md §4): same express version and body limit as
// edfi-mock, no Ed-Fi work. Prints "listening <port>" when ready.
'use strict';
const express = require('express');
const { randomUUID } = require('node:crypto');

const doc = JSON.parse(process.env.BASELINE_DOC || '{}');
const page = Array.from({ length: 25 }, (_, i) => ({ ...doc, id: String(i).padStart(32, '0') }));
const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '10mb' }));
app.get('/', (_req, res) => res.json({ version: 'baseline' }));
app.get('/baseline/doc', (_req, res) => res.json(doc));
app.post('/baseline/doc', (req, res) => {
  res
    .status(201)
    .location(`/baseline/doc/${randomUUID().replace(/-/g, '')}`)
    .end();
});
app.get('/baseline/page', (_req, res) => res.json(page));
app.post('/baseline/token', (_req, res) => res.json({ access_token: randomUUID().replace(/-/g, ''), expires_in: 1800, token_type: 'bearer' }));
const server = app.listen(Number(process.env.PORT || 0), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
