/** Tokens: both kinds and both headers, refusals that name the input to fix, plain http. */
import { describe, expect, it } from '@jest/globals';
import { runDeploy } from '../../src/commands/deploy.js';
import {
  ACCOUNT_TOKEN,
  PROJECT_TOKEN,
  BUILT_STACK,
  deployedImage,
  runScenario,
  type ScenarioResult,
} from '../../__fixtures__/railway/harness.js';
import { deployWith } from './scenarios.js';

const allNew = (r: ScenarioResult) =>
  ['postgres', 'backend', 'frontend'].map((s) => r.emulator.world.serving(s)?.meta.image);
const ALL_NEW = ['postgres', 'backend', 'frontend'].map(deployedImage);

const accountToken = { token: ACCOUNT_TOKEN, tokenType: 'account' as const, apiUrl: '' };

describe('deploy: both kinds of token', () => {
  it.each([
    ['project', PROJECT_TOKEN, 'project', ['project-access-token'], false],
    ['account', ACCOUNT_TOKEN, 'account', ['authorization'], false],
    ['auto + project token', PROJECT_TOKEN, 'auto', ['project-access-token'], true],
    ['auto + account token', ACCOUNT_TOKEN, 'auto', ['authorization'], true],
  ] as const)('%s', async (_what, token, tokenType, header, asks) => {
    const r = await deployWith({}, { railway: { token, tokenType, apiUrl: '' } });
    expect(r.error).toBeUndefined();
    const [first, ...rest] = r.emulator.requests;
    expect(first!.operation === 'ProjectToken').toBe(asks);
    for (const request of asks ? rest : r.emulator.requests) {
      const value = header[0] === 'authorization' ? `Bearer ${token}` : token;
      expect(request.headers[header[0]]).toBe(value);
      expect(
        request.headers[header[0] === 'authorization' ? 'project-access-token' : 'authorization'],
      ).toBeUndefined();
    }
    expect(allNew(r)).toEqual(ALL_NEW);
  });

  it.each([
    [
      'project',
      'Railway refused the railway-token (Not Authorized): check that it is a project token ' +
        'of environment "production" (railway-token-type: project) or an account token ' +
        '(railway-token-type: account).',
    ],
    [
      'auto',
      'Railway refused the railway-token both as a project token (Project Token not found) ' +
        'and as an account token (Not Authorized): check that it is a project token of ' +
        'environment "production" (railway-token-type: project) or an account token ' +
        '(railway-token-type: account).',
    ],
  ] as const)(
    'an unknown token, railway-token-type %s, names the inputs to fix',
    async (type, message) => {
      const token = 'not-a-railway-token';
      const r = await deployWith({}, { railway: { token, tokenType: type, apiUrl: '' } });
      expect(r.error?.message).toBe(message);
      expect(r.emulator.mutations()).toHaveLength(0);
    },
  );

  it('no environment anywhere: says where to set it, the railway-environment input included', async () => {
    const stack = BUILT_STACK.replace(', environment: production', '');
    const r = await runScenario(runDeploy, {}, { railway: accountToken }, stack);
    expect(r.error?.message).toMatch(
      /^\/.*docker-compose\.yml: x-deploy\.railway\.environment: no Railway environment set \(project "sigmasight" has "production", "staging"\)\.$/,
    );
  });

  it('a project token of another environment is refused before anything changes', async () => {
    const r = await deployWith({ projectTokens: { [PROJECT_TOKEN]: 'staging' } });
    expect(r.error?.message).toMatch(/project token for environment "staging", not "production"/);
    expect(r.emulator.mutations()).toHaveLength(0);
  });

  it('an unknown Railway service is named with the ones that exist', async () => {
    const r = await deployWith({ services: ['postgres', 'backend', 'web'] });
    expect(r.error?.message).toMatch(
      /docker-compose\.yml: services\.frontend\.x-deploy\.railway\.service: Railway project "sigmasight" has no service "frontend"; expected one of "postgres", "backend", "web" \(or an id\)\.$/,
    );
  });
});

describe('deploy: railway-api-url over plain http', () => {
  /** Reaches the local emulator under another host name, as a remote http URL would. */
  const viaHost = (host: string) => {
    let emulatorUrl = '';
    const fetcher: typeof fetch = (url, init) =>
      fetch(String(url).replace(`http://${host}`, emulatorUrl.replace(/\/graphql\/v2$/, '')), init);
    return {
      fetcher,
      prepare: (emu: { url: string }) => (emulatorUrl = new URL(emu.url).origin),
    };
  };
  const cleartext = (r: ScenarioResult) => r.recorded.lines.filter((l) => /plain http/.test(l));

  it('warns once that the token is sent unencrypted to a non-loopback host', async () => {
    const { fetcher, prepare } = viaHost('railway.example:80');
    const r = await runScenario(
      (inputs, deps) => runDeploy(inputs, { ...deps, fetch: fetcher }),
      {},
      {
        railway: {
          token: PROJECT_TOKEN,
          tokenType: 'auto',
          apiUrl: 'http://railway.example:80/graphql/v2',
        },
      },
      BUILT_STACK,
      prepare,
    );
    expect(r.error).toBeUndefined();
    expect(cleartext(r)).toEqual([
      'warn: Input "railway-api-url" is plain http to railway.example: the railway-token is ' +
        'sent unencrypted; use https.',
    ]);
  });

  it('says nothing for the loopback emulator', async () => {
    const r = await deployWith();
    expect(cleartext(r)).toEqual([]);
  });
});
