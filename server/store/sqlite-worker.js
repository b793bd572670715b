// The SQLite store's own thread. better-sqlite3 is synchronous, and a commit with its full fsync
// blocks for 0.4 ms on a quiet disk and several on a busy one; here that wait never delays the
// relay's forwarding of updates. Plain JavaScript so it starts the same under tsx, Vite and Vitest.
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { trackCommits } from './integrity.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS docs (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	token_epoch INTEGER NOT NULL DEFAULT 0,
	snapshot BLOB
) STRICT;
CREATE TABLE IF NOT EXISTS updates (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	doc_id TEXT NOT NULL,
	data BLOB NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS updates_by_doc ON updates (doc_id, seq);
`;

/**
 * @param {string} file
 * @param {{ walAutocheckpoint?: number }} options pages of WAL before SQLite checkpoints (0: never)
 */
function open(file, { walAutocheckpoint } = {}) {
	mkdirSync(dirname(file), { recursive: true });
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	// FULL: the WAL is fsynced at every commit, so a resolved append survives a power cut.
	db.pragma('synchronous = FULL');
	if (walAutocheckpoint !== undefined) db.pragma(`wal_autocheckpoint = ${walAutocheckpoint}`);
	// Deleted rows and freed pages are overwritten with zeros rather than left in place: a purged
	// document (a submitted review draft) must not survive in free space, nor its older versions
	// that a compaction replaced.
	db.pragma('secure_delete = ON');
	db.exec(SCHEMA);
	migrate(db);
	// Counts committed changes and keeps the marker beside the file in step (see integrity.js).
	const commits = trackCommits(db, file);

	const insertDoc = db.prepare(
		'INSERT INTO docs (id, kind, title, created_at, token_epoch, parent, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)'
	);
	const RECORD =
		'id, kind, title, created_at AS createdAt, token_epoch AS tokenEpoch, parent, role_epochs AS roleEpochs';
	const selectDoc = db.prepare(`SELECT ${RECORD} FROM docs WHERE id = ?`);
	const selectChildren = db.prepare(
		`SELECT ${RECORD} FROM docs WHERE parent = ? ORDER BY created_at, id`
	);
	const selectRoleEpochs = db.prepare('SELECT role_epochs FROM docs WHERE id = ?').pluck();
	const writeRoleEpochs = db.prepare('UPDATE docs SET role_epochs = ? WHERE id = ?');
	const insertLink = db.prepare(
		`INSERT INTO links (id, doc_id, role, created_at, expires_at, doc_epoch, role_epoch)
		VALUES (?, ?, ?, ?, ?, ?, ?)`
	);
	const selectLinks = db.prepare(
		`SELECT id, doc_id AS docId, role, created_at AS createdAt, expires_at AS expiresAt,
		doc_epoch AS docEpoch, role_epoch AS roleEpoch FROM links WHERE doc_id = ? ORDER BY created_at, id`
	);
	const bumpRoleEpoch = db.transaction(
		/** @param {string} docId @param {string} role */
		(docId, role) => {
			const stored = selectRoleEpochs.get(docId);
			if (stored === undefined) throw new Error(`unknown document ${docId}`);
			const epochs = stored ? JSON.parse(/** @type {string} */ (stored)) : {};
			epochs[role] = (epochs[role] ?? 0) + 1;
			writeRoleEpochs.run(JSON.stringify(epochs), docId);
			return epochs[role];
		}
	);
	const renameDoc = db.prepare('UPDATE docs SET title = ? WHERE id = ?');
	const bumpEpoch = db.prepare(
		'UPDATE docs SET token_epoch = token_epoch + 1 WHERE id = ? RETURNING token_epoch AS epoch'
	);
	const selectSnapshot = db.prepare('SELECT snapshot FROM docs WHERE id = ?').pluck();
	const selectTail = db.prepare('SELECT seq, data FROM updates WHERE doc_id = ? ORDER BY seq');
	const countTail = db.prepare('SELECT count(*) FROM updates WHERE doc_id = ?').pluck();
	const insertUpdate = db.prepare('INSERT INTO updates (doc_id, data) VALUES (?, ?)');
	const writeSnapshot = db.prepare('UPDATE docs SET snapshot = ? WHERE id = ?');
	const deleteTail = db.prepare('DELETE FROM updates WHERE doc_id = ? AND seq <= ?');

	const deleteLog = db.prepare('DELETE FROM updates WHERE doc_id = ?');
	const dropSnapshot = db.prepare('UPDATE docs SET snapshot = NULL WHERE id = ?');
	const purgeContent = db.transaction(
		/** @param {string} docId */
		(docId) => {
			deleteLog.run(docId);
			dropSnapshot.run(docId);
		}
	);

	const appendAll = db.transaction(
		/**
		 * One batch, packed by the relay thread (see `sqlite-store.ts`): update i is
		 * `bytes[ends[i - 1] ?? 0 .. ends[i]]` of document `docIds[i]`.
		 * @param {string[]} docIds @param {Uint32Array} ends @param {Uint8Array} bytes
		 */
		(docIds, ends, bytes) => {
			let start = 0;
			for (let i = 0; i < docIds.length; i++) {
				const end = /** @type {number} */ (ends[i]);
				insertUpdate.run(docIds[i], bytes.subarray(start, end));
				start = end;
			}
		}
	);

	// Reads and rewrites in one transaction: a crash leaves either the old log or the new snapshot.
	// Returns how many log rows it folded into the snapshot.
	const compact = db.transaction(
		/**
		 * @param {string} docId
		 * @param {Uint8Array | undefined} snapshot the whole document, covering every row now in the
		 *   log; without it, the stored snapshot and log are merged here.
		 */
		(docId, snapshot) => {
			/** @type {Array<{seq: number, data: Uint8Array}>} */
			const tail = selectTail.all(docId);
			const last = tail.at(-1);
			if (!last) return 0;
			if (!snapshot) {
				const parts = tail.map((row) => row.data);
				const stored = selectSnapshot.get(docId);
				if (stored) parts.unshift(stored);
				snapshot = Y.mergeUpdates(parts);
			}
			writeSnapshot.run(snapshot, docId);
			deleteTail.run(docId, last.seq);
			return tail.length;
		}
	);

	const teams = teamOperations(db);

	/** @type {Record<string, (...args: any[]) => unknown>} */
	const operations = {
		...teams,
		// One statement: the record and its content (if any) are stored together or not at all.
		create: (record, content) =>
			void insertDoc.run(
				record.id,
				record.kind,
				record.title,
				record.createdAt,
				record.tokenEpoch,
				record.parent ?? null,
				content ?? null
			),
		get: (docId) => toRecord(selectDoc.get(docId)),
		children: (parentId) => selectChildren.all(parentId).map(toRecord),
		bumpRoleEpoch: (docId, role) => bumpRoleEpoch(docId, role),
		addLink: (link) =>
			void insertLink.run(
				link.id,
				link.docId,
				link.role,
				link.createdAt,
				link.expiresAt ?? null,
				link.docEpoch,
				link.roleEpoch
			),
		links: (docId) =>
			selectLinks.all(docId).map((/** @type {any} */ row) => {
				if (row.expiresAt === null) delete row.expiresAt;
				return row;
			}),
		rename: (docId, title) => void renameDoc.run(title, docId),
		bumpTokenEpoch: (docId) => {
			const row = /** @type {{epoch: number} | undefined} */ (bumpEpoch.get(docId));
			if (!row) throw new Error(`unknown document ${docId}`);
			return row.epoch;
		},
		load: (docId) => {
			const snapshot = selectSnapshot.get(docId);
			/** @type {Uint8Array[]} */
			const parts = selectTail.all(docId).map((/** @type {{data: Uint8Array}} */ row) => row.data);
			if (snapshot) parts.unshift(snapshot);
			return parts;
		},
		append: (docIds, ends, bytes) => void appendAll(docIds, ends, bytes),
		logLength: (docId) => countTail.get(docId),
		compact: (docId, snapshot) => compact(docId, snapshot),
		// The rows go (zeroed in their pages by secure_delete), then the WAL is copied back and
		// truncated: its frames still held the document's pages as they were before the delete.
		purge: (docId) => {
			purgeContent(docId);
			const [result] = /** @type {Array<{busy: number}>} */ (db.pragma('wal_checkpoint(TRUNCATE)'));
			if (result?.busy) throw new Error('the write-ahead log could not be truncated after a purge');
		},
		// Hands SQLite's page cache and this thread's garbage back once nothing is open: an idle
		// relay should be as small as a fresh one, and an idle thread's heap is not collected soon.
		release: () => {
			db.pragma('shrink_memory');
			collectGarbage();
		},
		close: () => {
			db.close();
			commits.close();
		}
	};
	return { operations, afterCommit: commits.afterCommit };
}

const MEMBER =
	'id, workspace, name, role, sectors, joined_at AS joinedAt, active_at AS activeAt, removed_at AS removedAt';
const INVITATION =
	'id, workspace, role, sector, invited_by AS invitedBy, created_at AS createdAt, expires_at AS expiresAt, claimed_by AS claimedBy';

const REQUEST =
	'id, workspace, member, target_kind AS targetKind, target, role, until, reason, created_at AS createdAt, status, decided_by AS decidedBy, decided_at AS decidedAt, revoked_by AS revokedBy, revoked_at AS revokedAt';

/** @param {any} row an access request row: its target as an object, nulls left out */
function toRequest(row) {
	if (!row) return row;
	const { targetKind, target, ...rest } = tidy(row);
	return { ...rest, target: targetKind === 'doc' ? { doc: target } : { sector: target } };
}

/** @param {any} row a row with nullable columns: absent keys instead of nulls, sectors parsed */
function tidy(row) {
	if (!row) return row;
	for (const key of Object.keys(row)) if (row[key] === null) delete row[key];
	if (typeof row.sectors === 'string') row.sectors = JSON.parse(row.sectors);
	return row;
}

/**
 * The team store's operations (server/teams/team-store.ts) over this database.
 * @param {import('better-sqlite3').Database} db
 */
function teamOperations(db) {
	const insertMember = db.prepare(
		'INSERT INTO members (id, workspace, name, role, sectors, joined_at, active_at, removed_at) VALUES (@id, @workspace, @name, @role, @sectors, @joinedAt, @activeAt, @removedAt)'
	);
	/** @param {any} m */
	const memberRow = (m) => ({
		...m,
		sectors: JSON.stringify(m.sectors),
		removedAt: m.removedAt ?? null
	});
	const selectMember = db.prepare(`SELECT ${MEMBER} FROM members WHERE id = ?`);
	const selectMembers = db.prepare(
		`SELECT ${MEMBER} FROM members WHERE workspace = ? ORDER BY joined_at, id`
	);
	const touch = db.prepare('UPDATE members SET active_at = max(active_at, ?) WHERE id = ?');
	const insertInvitation = db.prepare(
		'INSERT INTO invitations (id, workspace, role, sector, invited_by, created_at, expires_at, claimed_by) VALUES (@id, @workspace, @role, @sector, @invitedBy, @createdAt, @expiresAt, NULL)'
	);
	const selectInvitation = db.prepare(`SELECT ${INVITATION} FROM invitations WHERE id = ?`);
	const selectInvitations = db.prepare(
		`SELECT ${INVITATION} FROM invitations WHERE workspace = ? ORDER BY created_at, id`
	);
	const markClaimed = db.prepare(
		'UPDATE invitations SET claimed_by = ? WHERE id = ? AND claimed_by IS NULL'
	);
	const insertSector = db.prepare(
		'INSERT INTO sectors (id, workspace, name, created_at) VALUES (@id, @workspace, @name, @createdAt)'
	);
	const selectSectors = db.prepare(
		'SELECT id, workspace, name, created_at AS createdAt FROM sectors WHERE workspace = ? ORDER BY created_at, id'
	);
	const renameSector = db.prepare('UPDATE sectors SET name = ? WHERE id = ?');
	const selectPlacement = db.prepare('SELECT doc, workspace, sector FROM placements WHERE doc = ?');
	const selectPlacements = db.prepare(
		'SELECT doc, workspace, sector FROM placements WHERE workspace = ? ORDER BY placed, doc'
	);
	const nextPlaced = db
		.prepare('SELECT coalesce(max(placed), 0) + 1 FROM placements WHERE workspace = ?')
		.pluck();
	const insertPlacement = db.prepare(
		'INSERT INTO placements (doc, workspace, sector, placed) VALUES (?, ?, ?, ?)'
	);
	const moveSector = db.prepare('UPDATE placements SET sector = ? WHERE doc = ?');

	const claim = db.transaction(
		/** @param {string} id @param {any} member */
		(id, member) => {
			if (!selectInvitation.get(id)) return 'unknown';
			if (markClaimed.run(member.id, id).changes === 0) return 'taken';
			insertMember.run(memberRow(member));
			return 'claimed';
		}
	);
	const changeMember = db.transaction(
		/** @param {string} id @param {any} change */
		(id, change) => {
			const current = tidy(selectMember.get(id));
			if (!current) return false;
			const next = memberRow({ ...current, ...change });
			db.prepare(
				'UPDATE members SET name = @name, role = @role, sectors = @sectors, removed_at = @removedAt WHERE id = @id'
			).run({
				id,
				name: next.name,
				role: next.role,
				sectors: next.sectors,
				removedAt: next.removedAt
			});
			return true;
		}
	);
	const place = db.transaction(
		/** @param {{doc: string, workspace: string, sector: string}} p */
		(p) => {
			const current = /** @type {any} */ (selectPlacement.get(p.doc));
			if (!current) {
				insertPlacement.run(p.doc, p.workspace, p.sector, nextPlaced.get(p.workspace));
				return;
			}
			// A document never moves to another workspace: that would hand it to other people.
			if (current.workspace !== p.workspace)
				throw new Error('the document belongs to another workspace');
			moveSector.run(p.sector, p.doc);
		}
	);

	const insertRequest = db.prepare(
		`INSERT INTO access_requests (id, workspace, member, target_kind, target, role, until, reason, created_at, status)
		VALUES (@id, @workspace, @member, @targetKind, @target, @role, @until, @reason, @createdAt, 'pending')`
	);
	const selectRequest = db.prepare(`SELECT ${REQUEST} FROM access_requests WHERE id = ?`);
	const selectRequests = db.prepare(
		`SELECT ${REQUEST} FROM access_requests WHERE workspace = ? ORDER BY created_at, id`
	);
	const decide = db.prepare(
		"UPDATE access_requests SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'"
	);
	const revoke = db.prepare(
		"UPDATE access_requests SET revoked_by = ?, revoked_at = ? WHERE id = ? AND status = 'approved' AND revoked_at IS NULL"
	);

	const insertActivity = db.prepare(
		'INSERT INTO activity (doc, at, member, role, kind, node, change) VALUES (?, ?, ?, ?, ?, ?, ?)'
	);
	const addActivity = db.transaction(
		/** @param {any[]} entries */
		(entries) => {
			for (const e of entries) {
				insertActivity.run(
					e.doc,
					e.at,
					e.member ?? null,
					e.role,
					e.change.kind,
					e.change.node ?? null,
					JSON.stringify(e.change)
				);
			}
		}
	);

	// Both read the (doc, member, seq) index: the members from it alone, the links' rows only.
	const activityMembers = db
		.prepare(
			'SELECT member FROM activity WHERE doc = ? AND member IS NOT NULL GROUP BY member ORDER BY max(seq) DESC'
		)
		.pluck();
	const activityLinks = db
		.prepare('SELECT DISTINCT role FROM activity WHERE doc = ? AND member IS NULL')
		.pluck();

	return {
		/** @param {any[]} entries */
		addActivity: (entries) => void addActivity(entries),
		/** @param {string} doc @param {any} query */
		activity: (doc, query) => {
			const where = ['doc = ?'];
			/** @type {unknown[]} */
			const values = [doc];
			/** @param {string} clause @param {unknown} value */
			const add = (clause, value) => {
				where.push(clause);
				values.push(value);
			};
			if (query.before !== undefined) add('seq < ?', query.before);
			if (query.member !== undefined) add('member = ?', query.member);
			if (query.link !== undefined) {
				where.push('member IS NULL');
				add('role = ?', query.link);
			}
			if (query.node !== undefined) add('node = ?', query.node);
			if (query.kind !== undefined) add('kind = ?', query.kind);
			values.push(query.limit);
			return db
				.prepare(
					`SELECT seq, doc, at, member, role, change FROM activity WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`
				)
				.all(...values)
				.map((/** @type {any} */ row) => {
					const { change, ...rest } = tidy(row);
					return { ...rest, change: JSON.parse(change) };
				});
		},
		/** @param {string} doc */
		activityPeople: (doc) => ({
			members: activityMembers.all(doc),
			links: activityLinks.all(doc)
		}),
		/** @param {any} request */
		addRequest: (request) =>
			void insertRequest.run({
				...request,
				targetKind: 'doc' in request.target ? 'doc' : 'sector',
				target: request.target.doc ?? request.target.sector,
				until: request.until ?? null
			}),
		/** @param {string} id */
		request: (id) => toRequest(selectRequest.get(id)),
		/** @param {string} workspace */
		requests: (workspace) => selectRequests.all(workspace).map(toRequest),
		/** @param {string} id @param {string} status @param {string} by @param {number} at */
		decideRequest: (id, status, by, at) => decide.run(status, by, at, id).changes > 0,
		/** @param {string} id @param {string} by @param {number} at */
		revokeRequest: (id, by, at) => revoke.run(by, at, id).changes > 0,
		/** @param {string} workspace */
		members: (workspace) => selectMembers.all(workspace).map(tidy),
		/** @param {string} id */
		member: (id) => tidy(selectMember.get(id)),
		/** @param {any} member */
		addMember: (member) => void insertMember.run(memberRow(member)),
		/** @param {string} id @param {any} change */
		changeMember: (id, change) => changeMember(id, change),
		/** @param {string} id @param {number} at */
		touchMember: (id, at) => void touch.run(at, id),
		/** @param {any} invitation */
		addInvitation: (invitation) =>
			void insertInvitation.run({ ...invitation, sector: invitation.sector ?? null }),
		/** @param {string} id */
		invitation: (id) => tidy(selectInvitation.get(id)),
		/** @param {string} workspace */
		invitations: (workspace) => selectInvitations.all(workspace).map(tidy),
		/** @param {string} id @param {any} member */
		claimInvitation: (id, member) => claim(id, member),
		/** @param {string} workspace */
		sectors: (workspace) => selectSectors.all(workspace),
		/** @param {any} sector */
		addSector: (sector) => void insertSector.run(sector),
		/** @param {string} id @param {string} name */
		renameSector: (id, name) => renameSector.run(name, id).changes > 0,
		/** @param {{doc: string, workspace: string, sector: string}} placement */
		place: (placement) => place(placement),
		/** @param {string} doc */
		placement: (doc) => selectPlacement.get(doc),
		/** @param {string} workspace */
		placements: (workspace) => selectPlacements.all(workspace)
	};
}

/**
 * Brings a database written by an older version up to this schema. Version 1 adds each document's
 * parent, so who may open a child is decided from the registry rather than from a document field.
 * @param {import('better-sqlite3').Database} db
 */
function migrate(db) {
	const version = /** @type {number} */ (db.pragma('user_version', { simple: true }));
	if (version < 1) {
		db.transaction(() => {
			/** @type {Array<{name: string}>} */
			const columns = db.prepare('PRAGMA table_info(docs)').all();
			if (!columns.some((c) => c.name === 'parent')) {
				db.exec('ALTER TABLE docs ADD COLUMN parent TEXT');
			}
			db.exec('CREATE INDEX IF NOT EXISTS docs_by_parent ON docs (parent)');
			db.pragma('user_version = 1');
		})();
	}
	// Version 2: per-role link epochs, and the share links issued, for the owner to see and revoke.
	if (version < 2) {
		db.transaction(() => {
			db.exec(`ALTER TABLE docs ADD COLUMN role_epochs TEXT;
				CREATE TABLE IF NOT EXISTS links (
					id TEXT PRIMARY KEY,
					doc_id TEXT NOT NULL,
					role TEXT NOT NULL,
					created_at INTEGER NOT NULL,
					expires_at INTEGER,
					doc_epoch INTEGER NOT NULL,
					role_epoch INTEGER NOT NULL
				) STRICT;
				CREATE INDEX IF NOT EXISTS links_by_doc ON links (doc_id, created_at);`);
			db.pragma('user_version = 2');
		})();
	}
	// Version 3: a workspace's people (teams/team-store.ts): members, invitations, sectors and the
	// sector each document sits in.
	if (version < 3) {
		db.transaction(() => {
			db.exec(`CREATE TABLE IF NOT EXISTS members (
					id TEXT PRIMARY KEY,
					workspace TEXT NOT NULL,
					name TEXT NOT NULL,
					role TEXT NOT NULL,
					sectors TEXT NOT NULL,
					joined_at INTEGER NOT NULL,
					active_at INTEGER NOT NULL,
					removed_at INTEGER
				) STRICT;
				CREATE INDEX IF NOT EXISTS members_by_workspace ON members (workspace, joined_at, id);
				CREATE TABLE IF NOT EXISTS invitations (
					id TEXT PRIMARY KEY,
					workspace TEXT NOT NULL,
					role TEXT NOT NULL,
					sector TEXT,
					invited_by TEXT NOT NULL,
					created_at INTEGER NOT NULL,
					expires_at INTEGER NOT NULL,
					claimed_by TEXT
				) STRICT;
				CREATE INDEX IF NOT EXISTS invitations_by_workspace ON invitations (workspace, created_at, id);
				CREATE TABLE IF NOT EXISTS sectors (
					id TEXT PRIMARY KEY,
					workspace TEXT NOT NULL,
					name TEXT NOT NULL,
					created_at INTEGER NOT NULL
				) STRICT;
				CREATE INDEX IF NOT EXISTS sectors_by_workspace ON sectors (workspace, created_at, id);
				CREATE TABLE IF NOT EXISTS placements (
					doc TEXT PRIMARY KEY,
					workspace TEXT NOT NULL,
					sector TEXT NOT NULL,
					placed INTEGER NOT NULL
				) STRICT;
				CREATE INDEX IF NOT EXISTS placements_by_workspace ON placements (workspace, placed);
				CREATE TABLE IF NOT EXISTS access_requests (
					id TEXT PRIMARY KEY,
					workspace TEXT NOT NULL,
					member TEXT NOT NULL,
					target_kind TEXT NOT NULL,
					target TEXT NOT NULL,
					role TEXT NOT NULL,
					until INTEGER,
					reason TEXT NOT NULL,
					created_at INTEGER NOT NULL,
					status TEXT NOT NULL,
					decided_by TEXT,
					decided_at INTEGER,
					revoked_by TEXT,
					revoked_at INTEGER
				) STRICT;
				CREATE INDEX IF NOT EXISTS access_requests_by_workspace ON access_requests (workspace, created_at, id);
				CREATE TABLE IF NOT EXISTS activity (
					seq INTEGER PRIMARY KEY AUTOINCREMENT,
					doc TEXT NOT NULL,
					at INTEGER NOT NULL,
					member TEXT,
					role TEXT NOT NULL,
					kind TEXT NOT NULL,
					node TEXT,
					change TEXT NOT NULL
				) STRICT;
				CREATE INDEX IF NOT EXISTS activity_by_doc ON activity (doc, seq);
				CREATE INDEX IF NOT EXISTS activity_by_doc_member ON activity (doc, member, seq);
				CREATE INDEX IF NOT EXISTS activity_by_doc_node ON activity (doc, node, seq);`);
			db.pragma('user_version = 3');
		})();
	}
}

/**
 * A registry row as the store hands it out: no `parent` key for a document without one, and its
 * role epochs parsed.
 * @param {any} row
 */
function toRecord(row) {
	if (!row) return row;
	if (row.parent === null) delete row.parent;
	if (row.roleEpochs === null) delete row.roleEpochs;
	else row.roleEpochs = JSON.parse(row.roleEpochs);
	return row;
}

/** A full collection of this thread's heap (V8 exposes `gc` to a context made after the flag). */
function collectGarbage() {
	setFlagsFromString('--expose-gc');
	runInNewContext('gc')();
}

const port = parentPort;
if (!port) throw new Error('sqlite-worker must run in a worker thread');

// Names this thread for `top -H` and the benchmarks' per-thread CPU (Linux only; a sync write runs
// on the calling thread, so /proc/thread-self is this one).
try {
	writeFileSync('/proc/thread-self/comm', 'sqlite-store');
} catch {
	// reason: a name is a convenience; elsewhere there is no /proc to write it to
}

/** @type {ReturnType<typeof open> | undefined} */
let store;
/** @type {unknown} */
let openError;
try {
	store = open(workerData.file, workerData.options);
} catch (error) {
	openError = error;
}

port.on('message', (/** @type {{id: number, op: string, args: unknown[]}} */ { id, op, args }) => {
	try {
		if (!store) throw openError;
		const operation = store.operations[op];
		if (!operation) throw new Error(`unknown store operation ${op}`);
		const result = operation(...args);
		// The marker is on disk before the caller hears that its write is stored.
		store.afterCommit();
		port.postMessage({ id, result });
	} catch (error) {
		port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
	}
});
