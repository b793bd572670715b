/**
 * Which development plan this device made from which report: the plan is the subject's own
 * document (in the library with its owner token), and the report page offers to open it again.
 * Kept on this device only; the cycle never learns that a plan exists.
 */
const key = (cycle: string, subject: string) => `panorama:development-plan:${cycle}:${subject}`;

export function planFor(cycle: string, subject: string): string | undefined {
	try {
		return localStorage.getItem(key(cycle, subject)) ?? undefined;
	} catch {
		// reason: storage unavailable reads as no plan made here; the person can make one
		return undefined;
	}
}

export function rememberPlan(cycle: string, subject: string, docId: string): void {
	localStorage.setItem(key(cycle, subject), docId);
}
