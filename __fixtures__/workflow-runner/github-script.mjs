// Stand-in for actions/github-script v8, run on Node 24 as a step: the script is an async
// function of (github, context, core, require), `github` an Octokit from @actions/github for
// the `github-token` input (GITHUB_API_URL points it at the fake GitHub). Leaves out: glob, io,
// exec, the retry options, result-encoding (the result is JSON, as by default).
import { createRequire } from 'node:module';
import * as core from '@actions/core';
import { context, getOctokit } from '@actions/github';

const require = createRequire(import.meta.url);
const github = getOctokit(core.getInput('github-token', { required: true }));
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
try {
  const script = new AsyncFunction('github', 'context', 'core', 'require', core.getInput('script'));
  const result = await script(github, context, core, require);
  core.setOutput('result', result === undefined ? '' : JSON.stringify(result));
} catch (error) {
  core.setFailed(`Unhandled error: ${error instanceof Error ? error.message : String(error)}`);
}
