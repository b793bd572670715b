/**
 * The server's only logger. Messages are plain strings built by the caller; nothing here ever
 * receives a URL or header, so capability tokens cannot reach the log.
 */
const quiet = process.env.PANORAMA_LOG === 'silent';

export const log = {
	info(message: string): void {
		if (!quiet) console.log(`[panorama] ${message}`);
	},
	warn(message: string): void {
		if (!quiet) console.warn(`[panorama] ${message}`);
	},
	error(message: string, error?: unknown): void {
		const detail = error instanceof Error ? `: ${error.message}` : '';
		console.error(`[panorama] ${message}${detail}`);
	}
};
