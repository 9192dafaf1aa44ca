// A TimescaleDB in a process of its own (the embedded build served over the
// PostgreSQL wire protocol), standing in for a TimescaleDB server: the
// production layout, where the database does not share the API's CPU thread.
import { openEmbedded } from '@callboard/db';
import { serveOverWire } from '@callboard/db/testing';

const db = await openEmbedded('memory://');
const { url } = await serveOverWire(db, Number(process.argv[2]));
process.stdout.write(url + '\n');
