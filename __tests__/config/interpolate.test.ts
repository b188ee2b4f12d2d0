import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { loadStack } from '../../src/config/load.js';
import { interpolate } from '../../src/config/interpolate.js';
import type { ConfigProblem } from '../../src/errors.js';
import { composeDir } from '../../__fixtures__/compose.js';

const variables = { TAG: '15', EMPTY: '', NAME: 'sigma' };

function run(text: string) {
  const problems: ConfigProblem[] = [];
  const value = interpolate({ services: { db: { image: text } } }, variables, problems);
  return { value: (value as { services: { db: { image: string } } }).services.db.image, problems };
}

describe('variables in the compose file, as compose substitutes them', () => {
  it.each([
    ['postgres:${TAG}', 'postgres:15'],
    ['postgres:$TAG', 'postgres:15'],
    ['${MISSING}x', 'x'],
    ['${MISSING:-14}', '14'],
    ['${EMPTY:-14}', '14'],
    ['${EMPTY-14}', ''],
    ['${TAG:-14}', '15'],
    ['${TAG:+set}', 'set'],
    ['${EMPTY+set}', 'set'],
    ['${EMPTY:+set}', ''],
    ['cost $$5', 'cost $5'],
    ['$${NAME}', '${NAME}'],
    ['${NAME}-${TAG}', 'sigma-15'],
  ])('%s is %j', (text, expected) => {
    expect(run(text)).toEqual({ value: expected, problems: [] });
  });

  it.each([
    [
      '${MISSING:?set MISSING to the tag}',
      'expected the variable MISSING to be set: set MISSING to the tag',
    ],
    ['${EMPTY:?}', 'expected the variable EMPTY to be set: it is required'],
    ['${NOT VALID}', 'expected a variable like ${NAME} or ${NAME:-default}, got "${NOT VALID}"'],
    ['${UNCLOSED', 'expected a variable like ${NAME} or ${NAME:-default}, got "${UNCLOSED"'],
  ])('%s is refused with the path', (text, message) => {
    expect(run(text).problems).toEqual([{ path: 'services.db.image', message }]);
  });

  it('reads .env beside the compose file, the environment winning', () => {
    const dir = composeDir(
      'services:\n  api:\n    build: { context: "./${CTX}", args: { TOKEN: "${NPM_TOKEN}" } }\n',
      {
        '.env': '# local\nCTX=backend\nNPM_TOKEN="from-dotenv"\n',
        'backend/Dockerfile': 'FROM x\n',
      },
    );
    const stack = loadStack('docker-compose.yml', { env: { NPM_TOKEN: 'from-env' } }, dir);
    expect(stack.services[0]!.build).toMatchObject({
      context: path.join(dir, 'backend'),
      args: { TOKEN: 'from-env' },
    });
  });

  it('names the file and the path of a required variable that is missing', () => {
    const dir = composeDir('services:\n  db:\n    image: "postgres:${PG_TAG:?set PG_TAG}"\n');
    expect(() => loadStack('docker-compose.yml', { env: {} }, dir)).toThrow(
      'docker-compose.yml: services.db.image: expected the variable PG_TAG to be set: set PG_TAG',
    );
  });
});
