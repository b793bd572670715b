/**
 * Moves an installation's document store from its SQLite file to PostgreSQL: the registry, the
 * issued links, and each document's content as one merged update (its snapshot and log folded).
 * Each document goes in one transaction, so a run cut short leaves every document copied whole or
 * not at all, and running it again finishes the job: a document already there is verified, not
 * copied twice. Every copied document is read back and its state vector compared with the source.
 *
 * A workspace's people follow in one transaction (`teams/copy-teams-to-postgres.ts`), then the
 * 360° review records (`reviews.db` and its submissions), in one transaction of their own
 * (`copy-reviews-to-postgres.ts`). Workshop seats and boards are documents, copied above.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import {
	copyReviewsToPostgres,
	type ReviewCopyResult
} from '../reviews/copy-reviews-to-postgres.ts';
import { copyTeamsToPostgres } from '../teams/copy-teams-to-postgres.ts';
import { verifyDatabase } from './integrity.js';
import { migrateSchema } from './postgres-schema.ts';
import { openPostgresStore } from './postgres-store.ts';

export interface CopyOptions {
	/** The data folder holding `panorama.db`. */
	from: string;
	/** `postgres://…` */
	to: string;
	/** List what would be copied; touch neither database. */
	dryRun?: boolean;
	/** Called with one line per document and a summary. */
	report?: (line: string) => void;
}

export interface CopyResult {
	documents: number;
	copied: number;
	/** Already in PostgreSQL with the same content (an earlier run). */
	alreadyThere: number;
	links: number;
	/** Bytes of merged document content. */
	bytes: number;
	/** Review records copied (rows read from the source, table by table); none in a dry run. */
	reviews?: ReviewCopyResult;
	/** Team rows copied per table (members, invitations, sectors, placements). */
	teams?: Record<string, number>;
}

interface SourceDoc {
	id: string;
	kind: string;
	title: string;
	created_at: number;
	token_epoch: number;
	parent: string | null;
	role_epochs: string | null;
}

interface SourceLink {
	id: string;
	doc_id: string;
	role: string;
	created_at: number;
	expires_at: number | null;
	doc_epoch: number;
	role_epoch: number;
}

/** The SQLite schema version whose columns this copy reads (see sqlite-worker.js). */
const SOURCE_VERSION = 2;

function openSource(from: string): Database.Database {
	const file = join(from, 'panorama.db');
	if (!existsSync(file)) throw new Error(`No document store at ${file}.`);
	// Refuses a file that lost acknowledged changes or fails SQLite's check, as the server does.
	verifyDatabase(file, { name: 'document store' });
	const db = new Database(file, { readonly: true, fileMustExist: true });
	const version = db.pragma('user_version', { simple: true }) as number;
	if (version < SOURCE_VERSION) {
		db.close();
		throw new Error(
			`The document store in ${file} has an older layout (version ${version}): start the ` +
				'server on it once to bring it up to date, then copy it.'
		);
	}
	return db;
}

/** The document's whole content as one update, or undefined when it has none. */
function contentOf(db: Database.Database, docId: string): Uint8Array | undefined {
	const parts: Uint8Array[] = [];
	const snapshot = db.prepare('SELECT snapshot FROM docs WHERE id = ?').pluck().get(docId) as
		Uint8Array | null | undefined;
	if (snapshot) parts.push(snapshot);
	for (const data of db
		.prepare('SELECT data FROM updates WHERE doc_id = ? ORDER BY seq')
		.pluck()
		.all(docId) as Uint8Array[]) {
		parts.push(data);
	}
	if (parts.length === 0) return undefined;
	return parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
}

function stateVector(update: Uint8Array | undefined): string {
	return update ? Buffer.from(Y.encodeStateVectorFromUpdate(update)).toString('hex') : '';
}

export async function copyToPostgres(options: CopyOptions): Promise<CopyResult> {
	const report = options.report ?? (() => {});
	const source = openSource(options.from);
	const result: CopyResult = { documents: 0, copied: 0, alreadyThere: 0, links: 0, bytes: 0 };
	const pool = options.dryRun ? undefined : new pg.Pool({ connectionString: options.to, max: 2 });
	try {
		if (pool) await migrateSchema(pool);
		const docs = source
			.prepare(
				'SELECT id, kind, title, created_at, token_epoch, parent, role_epochs FROM docs ORDER BY created_at, id'
			)
			.all() as SourceDoc[];
		const linksOf = source.prepare(
			'SELECT id, doc_id, role, created_at, expires_at, doc_epoch, role_epoch FROM links WHERE doc_id = ? ORDER BY created_at, id'
		);
		const expected = new Map<string, string>();
		for (const doc of docs) {
			const content = contentOf(source, doc.id);
			expected.set(doc.id, stateVector(content));
			const links = linksOf.all(doc.id) as SourceLink[];
			result.documents++;
			result.links += links.length;
			result.bytes += content?.length ?? 0;
			const what = `${doc.id} (${doc.kind}, ${content?.length ?? 0} bytes, ${links.length} links)`;
			if (!pool) {
				report(`would copy ${what}`);
				continue;
			}
			const copied = await copyDocument(pool, doc, links, content);
			if (copied) result.copied++;
			else result.alreadyThere++;
			report(`${copied ? 'copied' : 'already there'} ${what}`);
		}
		if (pool) {
			await verify(options.to, expected, report);
			const client = await pool.connect();
			try {
				const teams = await copyTeamsToPostgres(source, client);
				if (teams) {
					result.teams = teams;
					report(
						`copied team records: ${Object.entries(teams)
							.map(([table, n]) => `${n} ${table}`)
							.join(', ')}`
					);
				}
				const reviews = await copyReviewsToPostgres(options.from, client);
				if (reviews) {
					result.reviews = reviews;
					report(
						`copied review records: ${Object.entries(reviews)
							.map(([table, n]) => `${n} ${table}`)
							.join(', ')}`
					);
				}
			} finally {
				client.release();
			}
		}
	} finally {
		source.close();
		await pool?.end();
	}
	return result;
}

/**
 * Loads every document through the PostgreSQL store, as a relay instance will, and compares its
 * state vector with the source's. Throws naming the documents that differ.
 */
async function verify(
	url: string,
	expected: Map<string, string>,
	report: (line: string) => void
): Promise<void> {
	const store = openPostgresStore(url, { maxConnections: 2 });
	const differing: string[] = [];
	try {
		for (const [docId, vector] of expected) {
			const parts = await store.load(docId);
			const stored = parts.length === 0 ? undefined : Y.mergeUpdates(parts);
			if (stateVector(stored) !== vector || !(await store.get(docId))) differing.push(docId);
		}
	} finally {
		await store.close();
	}
	if (differing.length > 0) {
		throw new Error(
			`${differing.length} documents differ in PostgreSQL from the SQLite store after the ` +
				`copy: ${differing.slice(0, 10).join(', ')}. Documents already there before this run ` +
				'may have been edited on the new store.'
		);
	}
	report(`verified ${expected.size} documents: state vectors match`);
}

/** Copies one document in one transaction; false when it was already there. */
async function copyDocument(
	pool: pg.Pool,
	doc: SourceDoc,
	links: SourceLink[],
	content: Uint8Array | undefined
): Promise<boolean> {
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		const inserted = await client.query(
			`INSERT INTO panorama_docs (id, kind, title, created_at, token_epoch, parent, role_epochs)
			VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
			[doc.id, doc.kind, doc.title, doc.created_at, doc.token_epoch, doc.parent, doc.role_epochs]
		);
		const copied = inserted.rowCount === 1;
		if (copied) {
			for (const link of links) {
				await client.query(
					`INSERT INTO panorama_links (id, doc_id, role, created_at, expires_at, doc_epoch, role_epoch)
					VALUES ($1, $2, $3, $4, $5, $6, $7)`,
					[
						link.id,
						link.doc_id,
						link.role,
						link.created_at,
						link.expires_at,
						link.doc_epoch,
						link.role_epoch
					]
				);
			}
			if (content) {
				await client.query('INSERT INTO panorama_snapshots (doc_id, data) VALUES ($1, $2)', [
					doc.id,
					content
				]);
			}
		}
		await client.query('COMMIT');
		return copied;
	} catch (error) {
		await client.query('ROLLBACK').catch(() => {});
		throw error;
	} finally {
		client.release();
	}
}
