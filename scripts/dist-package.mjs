// ncc writes an ESM bundle; Node needs a package.json beside it that says so.
import { writeFileSync } from 'node:fs';

writeFileSync(new URL('../dist/package.json', import.meta.url), '{ "type": "module" }\n');
