// Honest recovery for the server's SQLite files. SQLite recovers a damaged write-ahead log
// silently: it keeps the frames before the first bad checksum and drops every transaction after
// it, acknowledged or not. So each database counts its committed row changes in a row of its own
// (`committed_changes`, bumped by triggers in the same transaction as the change), and after each
// commit the same number goes to a small marker file beside it (`<file>-commits`), fsynced before
// anyone is told the write is stored.
//
// Order is what makes the check honest: database first, marker second. A kill -9 between the two
// leaves the database ahead of the marker, which is fine; a marker ahead of the database means
// transactions that were acknowledged are gone. At start `verifyDatabase` compares the two (and
// runs `PRAGMA quick_check`) on a read-only connection, so a refused start leaves the files as it
// found them, damaged log included.
//
// Plain JavaScript, because the document store's worker thread runs it without a TypeScript loader.
import Database from 'better-sqlite3';
import {
	closeSync,
	existsSync,
	fdatasyncSync,
	fsyncSync,
	openSync,
	readFileSync,
	renameSync,
	writeSync
} from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';

/** The table holding the counter: one row, id 0. */
const COUNTER_TABLE = 'committed_changes';

/**
 * The marker file: two 512-byte slots (separate disk sectors), written alternately, each holding
 * MAGIC, the count as a little-endian u64, and a CRC-32 of those 16 bytes. A write torn by a power
 * cut spoils at most the slot being written, whose value was not acknowledged yet; the other slot
 * still holds the previous count. The highest valid slot is the marker's value.
 */
const MAGIC = Buffer.from('PNRMCMT1');
const SLOT_BYTES = 512;
const RECORD_BYTES = 20;

/** The marker file that goes with the database `file`. */
export function markerPath(/** @type {string} */ file) {
	return `${file}-commits`;
}

/** What `verifyDatabase` found wrong: `message` is a sentence for the operator. */
export class StoreIntegrityError extends Error {
	/** @param {string} message */
	constructor(message) {
		super(message);
		this.name = 'StoreIntegrityError';
	}
}

/** @param {number} count @returns {Buffer} one slot's record */
function encodeRecord(count) {
	const record = Buffer.alloc(RECORD_BYTES);
	MAGIC.copy(record, 0);
	record.writeBigUInt64LE(BigInt(count), 8);
	record.writeUInt32LE(crc32(record.subarray(0, 16)), 16);
	return record;
}

/**
 * @param {Buffer} bytes the marker file's contents
 * @returns {{ count: number, slot: number } | undefined} the highest valid slot, or undefined
 */
function decodeMarker(bytes) {
	/** @type {{ count: number, slot: number } | undefined} */
	let best;
	for (let slot = 0; slot < 2; slot++) {
		const record = bytes.subarray(slot * SLOT_BYTES, slot * SLOT_BYTES + RECORD_BYTES);
		if (record.length < RECORD_BYTES || !record.subarray(0, 8).equals(MAGIC)) continue;
		if (record.readUInt32LE(16) !== crc32(record.subarray(0, 16))) continue;
		const count = Number(record.readBigUInt64LE(8));
		if (!best || count > best.count) best = { count, slot };
	}
	return best;
}

/**
 * Reads the marker: undefined when there is no marker file, 'unreadable' when neither slot is valid.
 * @param {string} file the database file
 * @returns {{ count: number, slot: number } | 'unreadable' | undefined}
 */
function readMarker(file) {
	const path = markerPath(file);
	if (!existsSync(path)) return undefined;
	return decodeMarker(readFileSync(path)) ?? 'unreadable';
}

/** @param {string} path */
function fsyncPath(path) {
	const fd = openSync(path, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

/**
 * Replaces the marker file with one recording `count` in both slots: a temporary file, fsynced,
 * renamed over the old one, and the folder fsynced, so a crash leaves the old marker or the new one.
 * @param {string} file the database file
 * @param {number} count
 */
export function resetMarker(file, count) {
	const path = markerPath(file);
	const temporary = `${path}.tmp`;
	const bytes = Buffer.alloc(2 * SLOT_BYTES);
	const record = encodeRecord(count);
	record.copy(bytes, 0);
	record.copy(bytes, SLOT_BYTES);
	const fd = openSync(temporary, 'w');
	try {
		writeSync(fd, bytes);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
	renameSync(temporary, path);
	fsyncPath(dirname(path));
}

/**
 * The counter as the database holds it, 0 when the table does not exist yet.
 * @param {import('better-sqlite3').Database} db
 * @returns {number}
 */
function readCounter(db) {
	const table = db
		.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
		.get(COUNTER_TABLE);
	if (!table) return 0;
	const count = db.prepare(`SELECT count FROM ${COUNTER_TABLE} WHERE id = 0`).pluck().get();
	return typeof count === 'number' ? count : 0;
}

/**
 * What is wrong with the database `file`, as a sentence naming `name`, or undefined when nothing is.
 * Opens it read-only: nothing is checkpointed or rewritten, whatever is found.
 * @param {string} file
 * @param {string} name what the operator calls it, e.g. "document store"
 * @returns {{ problem?: string, count: number }} the problem found, and the database's counter
 */
function inspect(file, name) {
	const marker = readMarker(file);
	if (marker === 'unreadable') {
		return {
			problem:
				`The commit marker of the ${name} (${markerPath(file)}) is unreadable, so whether ` +
				`acknowledged edits are missing from ${file} cannot be checked.`,
			count: existsSync(file) ? countOf(file) : 0
		};
	}
	const recorded = marker?.count ?? 0;
	if (!existsSync(file)) {
		return recorded > 0
			? {
					problem:
						`The ${name} ${file} is missing, but its commit marker records ${recorded} ` +
						`committed changes.`,
					count: 0
				}
			: { count: 0 };
	}
	let db;
	try {
		db = new Database(file, { readonly: true, fileMustExist: true });
	} catch (error) {
		return { problem: `The ${name} in ${file} cannot be opened: ${describe(error)}.`, count: 0 };
	}
	try {
		const findings = quickCheck(db);
		if (findings.length !== 1 || findings[0] !== 'ok') {
			const count = countOf(file);
			const shown = findings.slice(0, 3).join('; ');
			return {
				problem: `The ${name} in ${file} failed SQLite's integrity check (${shown}).`,
				count
			};
		}
		const count = readCounter(db);
		if (recorded > count) {
			const missing =
				recorded === count + 1 ? 'committed change' : `${recorded - count} committed changes`;
			const cause = existsSync(`${file}-wal`)
				? 'the write-ahead log was damaged'
				: 'its write-ahead log is gone, or an older copy of the file was put back';
			return {
				problem:
					`The ${name} in ${file} is missing its last ${missing} (its commit ` +
					`marker records ${recorded} committed changes, the database holds ${count}: ${cause}).`,
				count
			};
		}
		return { count };
	} catch (error) {
		return { problem: `The ${name} in ${file} cannot be read: ${describe(error)}.`, count: 0 };
	} finally {
		db.close();
	}
}

/**
 * SQLite's quick_check: ['ok'], or what it found (a damaged page may also make it throw).
 * @param {import('better-sqlite3').Database} db
 * @returns {string[]}
 */
function quickCheck(db) {
	try {
		const rows = /** @type {Array<Record<string, string>>} */ (db.pragma('quick_check'));
		return rows.map((row) => Object.values(row)[0] ?? '');
	} catch (error) {
		return [describe(error)];
	}
}

/** @param {string} file @returns {number} the database's counter, 0 when it cannot be read */
function countOf(file) {
	try {
		const db = new Database(file, { readonly: true, fileMustExist: true });
		try {
			return readCounter(db);
		} finally {
			db.close();
		}
	} catch {
		// reason: only called to reset the marker of a damaged file; what cannot be read counts 0.
		return 0;
	}
}

/** @param {unknown} error */
function describe(error) {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Checks the database `file` before it is opened for writing: SQLite's `quick_check`, and that no
 * committed change its marker records is missing. Throws a `StoreIntegrityError` saying what was
 * found and how to continue; with `acceptDataLoss`, reports the same through `warn`, sets the
 * marker to what the database holds and returns.
 * @param {string} file
 * @param {{ name: string, acceptDataLoss?: boolean, warn?: (message: string) => void }} options
 */
export function verifyDatabase(file, { name, acceptDataLoss = false, warn = console.error }) {
	const { problem, count } = inspect(file, name);
	if (!problem) return;
	if (!acceptDataLoss) {
		throw new StoreIntegrityError(
			`${problem} Acknowledged edits may be lost. Restore a backup, or start with ` +
				'PANORAMA_ACCEPT_DATA_LOSS=1 to continue with what is there.'
		);
	}
	warn(
		`DATA LOSS ACCEPTED (PANORAMA_ACCEPT_DATA_LOSS=1): ${problem} Starting with what is ` +
			`there; the commit marker now records ${count}.`
	);
	resetMarker(file, count);
}

/**
 * Makes `db` count every committed row change and keeps the marker file in step. Call after the
 * schema exists: TEMP triggers (this connection's own, never stored in the file) are put on every
 * table there is now. Call `afterCommit()` after each operation, before its success is reported:
 * when the counter moved, it writes the marker and fdatasyncs it.
 * @param {import('better-sqlite3').Database} db a connection in WAL mode with synchronous=FULL
 * @param {string} file the database file
 */
export function trackCommits(db, file) {
	db.exec(
		`CREATE TABLE IF NOT EXISTS ${COUNTER_TABLE} (id INTEGER PRIMARY KEY CHECK (id = 0), count INTEGER NOT NULL) STRICT`
	);
	const readCount = db.prepare(`SELECT count FROM ${COUNTER_TABLE} WHERE id = 0`).pluck();
	if (readCount.get() === undefined) db.exec(`INSERT INTO ${COUNTER_TABLE} VALUES (0, 0)`);
	const tables = /** @type {string[]} */ (
		db
			.prepare(
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ?"
			)
			.pluck()
			.all(COUNTER_TABLE)
	);
	for (const table of tables) {
		const quoted = `"${table.replaceAll('"', '""')}"`;
		for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
			const trigger = `"count_${event.toLowerCase()}_${table.replaceAll('"', '""')}"`;
			db.exec(
				`CREATE TEMP TRIGGER IF NOT EXISTS ${trigger} AFTER ${event} ON main.${quoted}
				BEGIN UPDATE main.${COUNTER_TABLE} SET count = count + 1 WHERE id = 0; END`
			);
		}
	}

	let marked = readMarker(file);
	let count = /** @type {number} */ (readCount.get());
	if (marked === undefined || marked === 'unreadable' || marked.count < count) {
		// What this connection reads may still sit unsynced in the OS cache (the last process was
		// killed between its write and its fsync): make it durable before the marker vouches for it.
		fsyncPath(file);
		if (existsSync(`${file}-wal`)) fsyncPath(`${file}-wal`);
		resetMarker(file, count);
		marked = { count, slot: 1 };
	}
	let slot = marked.slot;
	const fd = openSync(markerPath(file), 'r+');

	return {
		/** Writes the marker when a commit moved the counter; throws when it cannot. */
		afterCommit() {
			if (!db.open) return;
			const now = /** @type {number} */ (readCount.get());
			if (now === count) return;
			slot = 1 - slot;
			writeSync(fd, encodeRecord(now), 0, RECORD_BYTES, slot * SLOT_BYTES);
			fdatasyncSync(fd);
			count = now;
		},
		close() {
			closeSync(fd);
		}
	};
}

/**
 * `target` with every method wrapped so `after()` runs once it returns or throws: how a store whose
 * methods commit on their own gets its marker written before any caller hears of the write.
 * @template {object} T
 * @param {T} target
 * @param {() => void} after
 * @returns {T}
 */
export function afterEachCall(target, after) {
	/** @type {Record<string, unknown>} */
	const wrapped = {};
	for (const [key, value] of Object.entries(target)) {
		wrapped[key] =
			typeof value === 'function'
				? (/** @type {unknown[]} */ ...args) => {
						try {
							return value.apply(target, args);
						} finally {
							after();
						}
					}
				: value;
	}
	return /** @type {T} */ (wrapped);
}
