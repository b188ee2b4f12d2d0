// ncc writes ESM bundles; Node needs a package.json beside each that says so.
import { writeFileSync } from 'node:fs';

for (const dir of ['../dist/', '../dist/cli/']) {
  writeFileSync(new URL(`${dir}package.json`, import.meta.url), '{ "type": "module" }\n');
}
