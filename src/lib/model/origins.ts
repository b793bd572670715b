/**
 * Transaction origins. Every write in `model/` runs in one `doc.transact(fn, Origin.local)`, so
 * a per-person `Y.UndoManager` can track exactly this person's edits.
 */
export const Origin = {
	/** An edit made by the person at this device. */
	local: 'panorama:local',
	/** A write nobody should undo: filling a new document's meta, migrations. */
	system: 'panorama:system'
} as const;
export type Origin = (typeof Origin)[keyof typeof Origin];
