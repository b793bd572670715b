/**
 * Named versions of account plans. A version is a child document of its account in the registry
 * (kind `account-version`, parent the account), made by the server with a copy of the account's
 * state as its snapshot, in one store call. No token ever opens one (`opensByLink`), so nobody
 * writes it; the versions API serves it to whoever may read its parent, checked against the
 * registry's parent, never against anything the client says.
 *
 * Quarter-end versions. The server takes "2026 Q3 end" the first time an account is opened or
 * edited after the quarter's boundary: when its room loads (the stored state, before anyone's
 * edits) or, for a room open across the boundary, just before the first change after it. Its id is
 * derived from the account and the quarter, and the store refuses a second record with the same
 * id in the same statement that would write its content; so two instances, two people or a
 * restart can race to take it and exactly one version results, never a duplicate. An account
 * left untouched for several quarters gets one version, for the last quarter that ended: its
 * state was the same at each of those ends.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { PlanVersion } from '../../src/lib/api/contract.ts';
import {
	nextQuarter,
	parseQuarterKey,
	previousQuarter,
	quarterAt,
	quarterKey,
	quarterStart,
	type Quarter
} from '../../src/lib/domain/account/quarter.ts';
import { DocKind } from '../../src/lib/domain/documents.ts';
import { log } from '../log.ts';
import type { DocRecord, DocStore } from '../store/doc-store.ts';

/** The business calendar's zone: the customers' quarters end at midnight in China. */
export const QUARTER_TIME_ZONE = 'Asia/Shanghai';
/** Versions one account keeps at most; each is a whole copy of the account. */
export const MAX_VERSIONS = 500;
/** Longest version name, in UTF-16 code units. */
export const MAX_VERSION_NAME = 100;

/** The stored title of a quarter-end version; the UI names it in the reader's language. */
const QUARTER_TITLE = 'quarter:';

/** The one id the version of `account` at the end of `quarter` can have. */
export function quarterVersionId(account: string, quarter: Quarter): string {
	return createHash('sha256')
		.update(`panorama:quarter-version\0${account}\0${quarterKey(quarter)}`)
		.digest('base64url')
		.slice(0, 22);
}

/** A version's record as the API shows it. */
export function describeVersion(record: DocRecord): PlanVersion {
	const quarter = record.title.startsWith(QUARTER_TITLE)
		? parseQuarterKey(record.title.slice(QUARTER_TITLE.length))
		: undefined;
	// A manual version someone named "quarter:2026-Q3" has a random id and stays manual.
	if (quarter && record.parent && record.id === quarterVersionId(record.parent, quarter)) {
		return { id: record.id, name: '', quarter: quarterKey(quarter), takenAt: record.createdAt };
	}
	return { id: record.id, name: record.title, takenAt: record.createdAt };
}

/** Why taking a version was refused. */
export class VersionLimit extends Error {
	constructor() {
		super(`an account keeps at most ${MAX_VERSIONS} versions`);
	}
}

/** What a room looks like to the quarter watch (see `server/relay/room.ts`). */
export interface WatchedRoom {
	readonly id: string;
	readonly kind: DocKind;
	readonly doc: Y.Doc;
	/** The whole document as one update (cached by the room). */
	fullState(): Uint8Array;
}

export interface PlanVersions {
	/** The account's versions, oldest first. */
	list(account: string): Promise<PlanVersion[]>;
	/** Stores `state` as a new version named `name` (checked by the caller). */
	take(account: string, name: string, state: Uint8Array): Promise<PlanVersion>;
	/** The version and its state, when `version` is a version of `account`; else undefined. */
	read(
		account: string,
		version: string
	): Promise<{ version: PlanVersion; state: Uint8Array } | undefined>;
	/**
	 * Takes the version for the quarter before the one `now` is in, from `state`, unless it exists
	 * or the account is younger than that quarter's end. Safe to call from anywhere at any time.
	 */
	takeQuarterEnd(
		record: DocRecord,
		state: () => Uint8Array,
		now: number
	): Promise<'taken' | 'exists' | 'not-due'>;
	/** Takes quarter-end versions of an account room on load and across boundaries. */
	watch(room: WatchedRoom, record: DocRecord): void;
}

export function createPlanVersions(
	store: DocStore,
	options: { now?: () => number; timeZone?: string } = {}
): PlanVersions {
	const now = options.now ?? Date.now;
	const timeZone = options.timeZone ?? QUARTER_TIME_ZONE;
	/** `account quarter` pairs known taken or not due, so a room load costs no encoding. */
	const settled = new Set<string>();
	const settle = (key: string) => {
		if (settled.size >= 100_000) settled.clear();
		settled.add(key);
	};

	async function versionsOf(account: string): Promise<DocRecord[]> {
		return (await store.children(account)).filter((r) => r.kind === DocKind.accountVersion);
	}

	/** Whether the quarter-end version before `at` is needed: the account existed at that end. */
	function due(record: DocRecord, at: number): Quarter | undefined {
		const current = quarterAt(at, timeZone);
		const key = `${record.id} ${quarterKey(current)}`;
		if (settled.has(key)) return undefined;
		if (record.createdAt >= quarterStart(current, timeZone)) {
			settle(key);
			return undefined;
		}
		return previousQuarter(current);
	}

	async function takeQuarterEnd(
		record: DocRecord,
		state: () => Uint8Array,
		at: number
	): Promise<'taken' | 'exists' | 'not-due'> {
		const ended = due(record, at);
		if (!ended) return 'not-due';
		// Read now, synchronously: the state at this moment, before any edit still to come.
		const content = state();
		const key = `${record.id} ${quarterKey(nextQuarter(ended))}`;
		const id = quarterVersionId(record.id, ended);
		if (await store.get(id)) {
			settle(key);
			return 'exists';
		}
		const version: DocRecord = {
			id,
			kind: DocKind.accountVersion,
			title: QUARTER_TITLE + quarterKey(ended),
			createdAt: at,
			tokenEpoch: 0,
			parent: record.id
		};
		try {
			await store.create(version, content);
		} catch (error) {
			// Another instance (or an earlier call) took it first: the id is the quarter's own.
			if (await store.get(id)) {
				settle(key);
				return 'exists';
			}
			throw error;
		}
		settle(key);
		return 'taken';
	}

	function watch(room: WatchedRoom, record: DocRecord): void {
		if (record.kind !== DocKind.account) return;
		const failed = (error: unknown) => log.error('a quarter-end version failed', error);
		const check = () => void takeQuarterEnd(record, () => room.fullState(), now()).catch(failed);
		check();
		let boundary = quarterStart(nextQuarter(quarterAt(now(), timeZone)), timeZone);
		// Before a change is applied: a room open across the boundary versions what it held then.
		room.doc.on('beforeTransaction', () => {
			const at = now();
			if (at < boundary) return;
			boundary = quarterStart(nextQuarter(quarterAt(at, timeZone)), timeZone);
			// The transaction has not changed anything yet; this encodes the state before it.
			void takeQuarterEnd(record, () => Y.encodeStateAsUpdate(room.doc), at).catch(failed);
		});
	}

	return {
		async list(account) {
			return (await versionsOf(account)).map(describeVersion);
		},
		async take(account, name, state) {
			if ((await versionsOf(account)).length >= MAX_VERSIONS) throw new VersionLimit();
			const record: DocRecord = {
				id: randomBytes(16).toString('base64url'),
				kind: DocKind.accountVersion,
				title: name,
				createdAt: now(),
				tokenEpoch: 0,
				parent: account
			};
			await store.create(record, state);
			return describeVersion(record);
		},
		async read(account, versionId) {
			const record = await store.get(versionId);
			if (!record || record.kind !== DocKind.accountVersion || record.parent !== account) {
				return undefined;
			}
			const parts = await store.load(versionId);
			const state = parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
			return { version: describeVersion(record), state };
		},
		takeQuarterEnd,
		watch
	};
}
