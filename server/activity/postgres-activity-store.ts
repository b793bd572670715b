/** The activity record in PostgreSQL (schema migration 3). */
import type pg from 'pg';
import type { ActivityStore, StoredActivity } from './activity-store.ts';

type Query = <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;

export function postgresActivityStore(query: Query): ActivityStore {
	return {
		async addActivity(entries) {
			if (entries.length === 0) return;
			const values: unknown[] = [];
			const tuples = entries.map((e) => {
				values.push(
					e.doc,
					e.at,
					e.member ?? null,
					e.role,
					e.change.kind,
					'node' in e.change ? e.change.node : null,
					JSON.stringify(e.change)
				);
				const n = values.length;
				return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
			});
			// One statement: the entries of one flush are kept together or not at all.
			await query(
				`INSERT INTO panorama_activity (doc, at, member, role, kind, node, change) VALUES ${tuples.join(', ')}`,
				values
			);
		},
		async activity(doc, { before, limit, member, link, node, kind }) {
			const where = ['doc = $1'];
			const values: unknown[] = [doc];
			const add = (clause: string, value: unknown) => {
				values.push(value);
				where.push(`${clause} $${values.length}`);
			};
			if (before !== undefined) add('seq <', before);
			if (member !== undefined) add('member =', member);
			if (link !== undefined) {
				where.push('member IS NULL');
				add('role =', link);
			}
			if (node !== undefined) add('node =', node);
			if (kind !== undefined) add('kind =', kind);
			values.push(limit);
			const rows = await query<{
				seq: string;
				doc: string;
				at: string;
				member: string | null;
				role: string;
				change: StoredActivity['change'];
			}>(
				`SELECT seq, doc, at, member, role, change FROM panorama_activity
				WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT $${values.length}`,
				values
			);
			return rows.map((row) => ({
				seq: Number(row.seq),
				doc: row.doc,
				at: Number(row.at),
				...(row.member !== null ? { member: row.member } : {}),
				role: row.role,
				change: row.change
			}));
		},
		async activityPeople(doc) {
			const [members, links] = await Promise.all([
				query<{ member: string }>(
					`SELECT member FROM panorama_activity WHERE doc = $1 AND member IS NOT NULL
					GROUP BY member ORDER BY max(seq) DESC`,
					[doc]
				),
				query<{ role: string }>(
					'SELECT DISTINCT role FROM panorama_activity WHERE doc = $1 AND member IS NULL',
					[doc]
				)
			]);
			return { members: members.map((r) => r.member), links: links.map((r) => r.role) };
		}
	};
}
