/** The save status a person sees, derived from the connection and the relay's acknowledgements. */

export const SyncStatus = {
	/** Not connected: edits stay in this browser until the relay is back. */
	offline: 'offline',
	/** Opening a connection to the relay. */
	connecting: 'connecting',
	/** Connected, but the first exchange or an acknowledgement is outstanding. */
	syncing: 'syncing',
	/** Connected, synced, and every local change acknowledged as durably stored. */
	saved: 'saved'
} as const;
export type SyncStatus = (typeof SyncStatus)[keyof typeof SyncStatus];

export type ConnectionState = 'disconnected' | 'connecting' | 'connected';

/** Derives the status; `unsaved` is the count of local changes not yet acknowledged. */
export function syncStatus(
	connection: ConnectionState,
	synced: boolean,
	unsaved: number
): SyncStatus {
	if (connection === 'connecting') return SyncStatus.connecting;
	if (connection === 'disconnected') return SyncStatus.offline;
	return synced && unsaved === 0 ? SyncStatus.saved : SyncStatus.syncing;
}

/** Shortest and longest wait before reconnecting, in milliseconds. */
export const RECONNECT_MIN_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;

/**
 * Wait before reconnect attempt `attempt` (0 = first): a random point between 1 s and a ceiling
 * that doubles per attempt up to 30 s, so clients of a restarted relay do not return all at once.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** Math.max(0, attempt));
	return RECONNECT_MIN_MS + random() * (ceiling - RECONNECT_MIN_MS);
}
