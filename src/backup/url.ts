/**
 * The database URL of `command: backup`: checked, normalised for libpq, and taken apart into
 * what may be shown (user, host, port, database) and what must be masked (the password, in
 * both its written and its decoded form, and the whole URL). Pure: no @actions/* here.
 */
import { UserError } from '../errors.js';

export interface DatabaseUrl {
  /** What libpq gets (postgresql://...), never logged. */
  url: string;
  /** The URL without its password, for messages: postgresql://user@host:port/db */
  display: string;
  host: string;
  port: number;
  user: string;
  database: string;
  /** Every string that must be masked in logs (core.setSecret each one). */
  secrets: string[];
  /** Where the URL came from, for messages: `Input "database-url"`. */
  origin: string;
}

const EXPECTED = 'expected a PostgreSQL URL like postgresql://user:password@host:5432/database';

/**
 * `postgres://` and `postgresql://` as libpq reads them; a SQLAlchemy driver suffix
 * (`postgresql+asyncpg://`, as the example backend's DATABASE_URL has) is dropped.
 */
export function parseDatabaseUrl(value: string, origin = 'Input "database-url"'): DatabaseUrl {
  const wrong = (got: string) => new UserError(`${origin}: ${EXPECTED}; got ${got}.`);
  const trimmed = value.trim();
  const scheme = /^(postgres|postgresql)(\+[a-z0-9]+)?:\/\//i.exec(trimmed);
  if (!scheme) {
    throw wrong('something that does not start with postgresql://');
  }
  const url = `postgresql://${trimmed.slice(scheme[0].length)}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw wrong('a URL that cannot be parsed');
  }
  if (!parsed.hostname) {
    throw wrong('a URL without a host (pg_dump runs in a container: it cannot use a socket)');
  }
  const user = decode(parsed.username);
  const database = decode(parsed.pathname.replace(/^\//, '')) || user;
  if (!user) throw wrong('a URL without a user');
  const port = parsed.port ? Number(parsed.port) : 5432;
  const display = `postgresql://${user}@${
    parsed.host.includes(':') ? parsed.host : `${parsed.hostname}:${port}`
  }/${database}`;
  const password = parsed.password;
  const secrets = [url, trimmed, password, decode(password)].filter((s) => s.length > 0);
  return {
    url,
    display,
    host: parsed.hostname,
    port,
    user,
    database,
    secrets: [...new Set(secrets)],
    origin,
  };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Replaces every secret in a message by ***: for text that came from psql or pg_dump. */
export function scrub(text: string, secrets: readonly string[]): string {
  // Longest first, so a password inside the URL does not leave the rest of the URL behind.
  return [...secrets]
    .sort((a, b) => b.length - a.length)
    .reduce((out, secret) => out.split(secret).join('***'), text);
}
