// Serves the built app (dist/) on http://127.0.0.1:8080 with the same small
// static server the browser tests use (404 for missing files, right MIME types).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../tests/browser/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 8080);
const { origin } = await serve(path.join(root, 'dist'), port);
console.log(`Attune is served on ${origin}/ (Ctrl+C to stop)`);
