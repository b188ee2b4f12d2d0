/**
 * .env lines and the value compose v2 gives each (compose-spec/compose-go dotenv/parser.go and
 * template/template.go), with compose v1's value where it differs (python-dotenv, as
 * docker-compose 1.29.2 `config` printed it on 2026-12-01, its `$$` read back as `$`). The
 * unit test checks our reader against `v2`; the integration test runs the real compose (on
 * 2026-12-01 docker compose 2.26.1 agreed with `v2` on every case, docker-compose 1.29.2 with
 * `v1`).
 */
export interface DotEnvCase {
  key: string;
  line: string;
  v2: string;
  /** Compose v1's value when it is not v2's. */
  v1?: string;
  why?: string;
}

/** The environment the cases are read with. */
export const CASE_ENV = { FROMENV: 'os' };

export const DOTENV_CASES: DotEnvCase[] = [
  { key: 'TAG', line: 'TAG=15 # pinned', v2: '15', why: 'a comment after a space' },
  { key: 'HASH', line: 'HASH=ab#cd', v2: 'ab#cd', why: 'a # inside a word' },
  { key: 'DQ', line: 'DQ="double ${TAG}"', v2: 'double 15' },
  { key: 'ESC', line: 'ESC="a\\"b"', v2: 'a"b', why: 'an escaped double quote' },
  { key: 'NL', line: 'NL="line1\\nline2"', v2: 'line1\nline2' },
  { key: 'EXP', line: 'export EXP=yes', v2: 'yes' },
  { key: 'REF', line: 'REF=${TAG}-x', v2: '15-x', why: '${VAR} inside a value' },
  { key: 'DEF', line: 'DEF=${UNSET:-fallback}', v2: 'fallback' },
  {
    key: 'NEST',
    line: 'NEST=${UNSET:-${TAG:-x}}',
    v2: '15',
    v1: '${TAG:-x}',
    why: 'a nested default',
  },
  { key: 'SPACES', line: 'SPACES=  padded value   ', v2: 'padded value' },
  { key: 'EMPTY', line: 'EMPTY=', v2: '' },
  {
    key: 'QCOMMENT',
    line: 'QCOMMENT="quoted # not a comment" # comment',
    v2: 'quoted # not a comment',
  },
  { key: 'MULTI', line: 'MULTI="a\nb"', v2: 'a\nb', why: 'a quoted value over two lines' },
  { key: 'BS', line: 'BS="back\\\\slash"', v2: 'back\\slash' },
  { key: 'DOLLAR', line: 'DOLLAR="cost \\$5"', v2: 'cost $5', v1: 'cost \\$5' },
  { key: 'SQESC', line: "SQESC='it\\'s'", v2: "it's" },
  {
    key: 'SQ',
    line: "SQ='single ${TAG} \\n'",
    v2: 'single ${TAG} \\n',
    v1: 'single 15 \\n',
    why: 'single quotes keep ${...} as written',
  },
  { key: 'YAML', line: 'YAML: style', v2: 'style', v1: '<unset>' },
  { key: 'USESENV', line: 'USESENV=${FROMENV}', v2: 'os', why: 'the environment in a value' },
  { key: 'TAB', line: 'TAB=a\\tb', v2: 'a\\tb', why: 'no escapes unquoted' },
  { key: 'DQTAB', line: 'DQTAB="a\\tb"', v2: 'a\tb' },
  { key: 'INDENT', line: '   INDENT=x', v2: 'x' },
  { key: 'ONLYHASH', line: 'ONLYHASH= # nothing', v2: '# nothing' },
  { key: 'EQ', line: 'EQ=a=b', v2: 'a=b' },
  { key: 'CRLF', line: 'CRLF=windows\r', v2: 'windows' },
];

/** The .env text of every case, with a comment line and blank lines between. */
export function dotEnvText(): string {
  return ['# a comment line', '', ...DOTENV_CASES.map((c) => c.line)].join('\n') + '\n';
}
