import { fileURLToPath } from 'node:url';
import Postgrator from 'postgrator';
import { type Db, DatabaseUnusableError } from './driver.js';

/** The folder of numbered plain-SQL migrations shipped with this package. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

const TZ_PLACEHOLDER = /\{\{center_tz\}\}/g;

export interface MigrateResult {
  applied: string[];
  version: number;
}

/**
 * Applies the pending migrations. Continuous aggregates bucket by the center's
 * time zone, which is therefore written into their definitions and recorded in
 * `settings`; opening the same database with another zone is refused, because
 * every stored day and hour would silently mean something else.
 */
export async function migrate(db: Db, centerTz: string): Promise<MigrateResult> {
  if (!/^[A-Za-z0-9_+\-/]+$/.test(centerTz)) throw new Error(`invalid time zone name: ${centerTz}`);
  await assertSameTimeZone(db, centerTz);
  const postgrator = new Postgrator({
    migrationPattern: `${MIGRATIONS_DIR}*.sql`,
    driver: 'pg',
    schemaTable: 'schema_migrations',
    validateChecksums: true,
    execQuery: async (sql) => ({ rows: (await db.query(sql)).rows }),
    // Each file runs as one script; files holding only a CREATE MATERIALIZED VIEW
    // … WITH (timescaledb.continuous) stay outside any explicit transaction.
    execSqlScript: async (sql) => db.exec(sql.replace(TZ_PLACEHOLDER, centerTz)),
  });
  const applied = await postgrator.migrate();
  await db.query(`INSERT INTO settings (key, value) VALUES ('center_tz', to_jsonb($1::text)) ON CONFLICT (key) DO NOTHING`, [centerTz]);
  const version = await postgrator.getDatabaseVersion();
  return { applied: applied.map((m) => m.name), version };
}

async function assertSameTimeZone(db: Db, centerTz: string): Promise<void> {
  const hasSettings = await db.query<{ t: string | null }>(`SELECT to_regclass('settings')::text AS t`);
  if (!hasSettings.rows[0]?.t) return;
  const r = await db.query<{ value: string }>(`SELECT value #>> '{}' AS value FROM settings WHERE key = 'center_tz'`);
  const stored = r.rows[0]?.value;
  if (stored && stored !== centerTz) {
    throw new DatabaseUnusableError(
      `CALLBOARD_TZ is ${centerTz} but this database's aggregates were built for ${stored}: ` +
        `set CALLBOARD_TZ=${stored}, or use a new database (CALLBOARD_DATA_DIR / DATABASE_URL) for ${centerTz}.`,
    );
  }
}
