import { describe, expect, it } from '@jest/globals';
import { parseDatabaseUrl, scrub } from '../../src/backup/url.js';
import { UserError } from '../../src/errors.js';

describe('the database URL', () => {
  it('takes a Railway DATABASE_PUBLIC_URL apart, password kept out of the display', () => {
    const db = parseDatabaseUrl(
      'postgresql://postgres:s3cr%2Ft@roundhouse.proxy.rlwy.net:41234/railway',
    );
    expect(db).toMatchObject({
      url: 'postgresql://postgres:s3cr%2Ft@roundhouse.proxy.rlwy.net:41234/railway',
      display: 'postgresql://postgres@roundhouse.proxy.rlwy.net:41234/railway',
      host: 'roundhouse.proxy.rlwy.net',
      port: 41234,
      user: 'postgres',
      database: 'railway',
      origin: 'Input "database-url"',
    });
    // Both forms of the password: a tool may print either.
    expect(db.secrets).toEqual(expect.arrayContaining(['s3cr%2Ft', 's3cr/t', db.url]));
  });

  it.each([
    ['postgres://u:p@127.0.0.1/app', 'postgresql://u:p@127.0.0.1/app', 5432, 'app'],
    // The example backend's SQLAlchemy URL: the driver suffix is dropped for libpq.
    [
      'postgresql+asyncpg://u:p@localhost:5433/app',
      'postgresql://u:p@localhost:5433/app',
      5433,
      'app',
    ],
    ['postgresql://u:p@db:5432', 'postgresql://u:p@db:5432', 5432, 'u'],
    [
      'postgresql://u:p@h/app?sslmode=require',
      'postgresql://u:p@h/app?sslmode=require',
      5432,
      'app',
    ],
  ])('%s is %s', (given, url, port, database) => {
    expect(parseDatabaseUrl(given)).toMatchObject({ url, port, database });
  });

  it('keeps IPv6 hosts readable', () => {
    expect(parseDatabaseUrl('postgresql://u:p@[::1]:6543/app').display).toBe(
      'postgresql://u@[::1]:6543/app',
    );
  });

  it.each([
    ['mysql://u:p@h/db', 'something that does not start with postgresql://'],
    ['u:p@h/db', 'something that does not start with postgresql://'],
    [
      'postgresql:///db?host=/var/run/postgresql',
      'a URL without a host (pg_dump runs in a container: it cannot use a socket)',
    ],
    ['postgresql://h:5432/db', 'a URL without a user'],
    ['postgresql://u:p@h:99999/db', 'a URL that cannot be parsed'],
  ])('refuses %s in one sentence, without echoing it', (given, got) => {
    let error: unknown;
    try {
      parseDatabaseUrl(given);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      'Input "database-url": expected a PostgreSQL URL like ' +
        `postgresql://user:password@host:5432/database; got ${got}.`,
    );
  });

  it('names where a URL from Railway came from', () => {
    expect(() => parseDatabaseUrl('', 'Railway variable DATABASE_PUBLIC_URL of pg')).toThrow(
      /^Railway variable DATABASE_PUBLIC_URL of pg: expected/,
    );
  });

  it('scrubs the URL whole before the password, so no part of it is left', () => {
    const db = parseDatabaseUrl('postgresql://u:pw@h/db');
    expect(scrub(`failed: postgresql://u:pw@h/db and pw`, db.secrets)).toBe('failed: *** and ***');
  });
});
