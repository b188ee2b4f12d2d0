/**
 * A real PostgreSQL (the `postgres:15` stand-in of scripts/setup-docker.sh) published on
 * 127.0.0.1 only, with the schema the example's alembic migration makes
 * (examples/sigmasight/backend/alembic/versions/0001_core_tables.py, written out as the SQL
 * `alembic upgrade head` runs, plus alembic's own alembic_version table) and seeded rows.
 */
import { docker, uniqueId } from '../engine.js';

export const SEED = { users: 2000, portfolios: 40, positions: 300 };
export const REVISION = '0001_core_tables';
/** A seeded value that must never reach a log. */
export const SECRET_ROW = 'seeded-user-0042@example.test';

const SCHEMA = `
CREATE TABLE alembic_version (
  version_num VARCHAR(32) NOT NULL,
  CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE users (
  id SERIAL PRIMARY KEY,
  email VARCHAR(255) NOT NULL UNIQUE,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL
);
CREATE TABLE portfolios (
  id SERIAL PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name VARCHAR(255) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL
);
CREATE INDEX ix_portfolios_user_id ON portfolios (user_id);
CREATE TABLE positions (
  id SERIAL PRIMARY KEY,
  portfolio_id INTEGER NOT NULL REFERENCES portfolios (id) ON DELETE CASCADE,
  symbol VARCHAR(32) NOT NULL,
  quantity NUMERIC(20, 6) NOT NULL,
  cost_basis NUMERIC(20, 6) NOT NULL
);
CREATE INDEX ix_positions_portfolio_id ON positions (portfolio_id);
INSERT INTO alembic_version (version_num) VALUES ('${REVISION}');
-- md5 text compresses badly: the users' data is most of the dump, and comes last in it.
INSERT INTO users (email)
  SELECT format('seeded-user-%s@example.test', lpad(i::text, 4, '0')) || md5(i::text)
  FROM generate_series(1, ${SEED.users}) i;
UPDATE users SET email = '${SECRET_ROW}' WHERE id = 42;
INSERT INTO portfolios (user_id, name)
  SELECT i, 'portfolio ' || i FROM generate_series(1, ${SEED.portfolios}) i;
INSERT INTO positions (portfolio_id, symbol, quantity, cost_basis)
  SELECT 1 + i % ${SEED.portfolios}, 'SYM' || i, i, i * 1.5
  FROM generate_series(1, ${SEED.positions}) i;
`;

export interface TestDatabase {
  container: string;
  port: number;
  url(password?: string): string;
  remove(): void;
}

export const PASSWORD = 'pw-Ab3/x:9';

export async function startDatabase(): Promise<TestDatabase> {
  const container = uniqueId('deploy-action-backup-it-');
  docker(
    'run',
    '-d',
    '--name',
    container,
    '--label',
    'deploy-action.test=backup',
    '-e',
    'POSTGRES_USER=sigmasight',
    '-e',
    `POSTGRES_PASSWORD=${PASSWORD}`,
    '-e',
    'POSTGRES_DB=sigmasight',
    '-p',
    '127.0.0.1::5432',
    'postgres:15',
  );
  const remove = () => void docker('rm', '-f', '-v', container);
  try {
    const port = Number(docker('port', container, '5432/tcp').trim().split(':').pop());
    await ready(container);
    docker(
      'exec',
      container,
      'psql',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-U',
      'sigmasight',
      '-d',
      'sigmasight',
      '-c',
      SCHEMA,
    );
    const url = (password = PASSWORD) =>
      `postgresql://sigmasight:${encodeURIComponent(password)}@127.0.0.1:${port}/sigmasight`;
    return { container, port, url, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

async function ready(container: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      docker('exec', container, 'pg_isready', '-q', '-h', '127.0.0.1', '-U', 'sigmasight');
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${container} did not become ready`);
}
