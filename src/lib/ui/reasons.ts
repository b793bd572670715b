/** Turning an API failure's reason code into a sentence; each feature keeps its own table. */
import { ApiError } from '$lib/api/docs';

/** The reason code of a failure, for tests and `data-reason` attributes. */
export function reasonCode(error: unknown): string {
	return error instanceof ApiError ? error.reason : 'internal';
}

/**
 * A function saying what went wrong in the reader's language: `known` codes by their message,
 * anything else through `other`, which shows the code as it is.
 */
export function reasonTexts(
	known: Record<string, () => string>,
	other: (values: { reason: string }) => string
): (error: unknown) => string {
	return (error) => {
		const code = reasonCode(error);
		return known[code]?.() ?? other({ reason: code });
	};
}
