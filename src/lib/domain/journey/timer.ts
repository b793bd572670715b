/**
 * The workshop timer everyone sees count down. It is stored as a start instant, not as a ticking
 * number: `{startedAt, durationMs, pausedRemainingMs}` is written once per start, pause or resume,
 * and every device computes the remaining time from its own clock. Clocks differ, so `now` is
 * always the *server's* time as this device estimates it ({@link estimateClockOffset}); the
 * facilitator's device stamps `startedAt` on the same scale, and a late joiner whose clock is a
 * minute off still sees the right time.
 *
 * States: idle (never started, or reset) — `startedAt` null; running — `startedAt` set and
 * `pausedRemainingMs` null; paused — `pausedRemainingMs` set; expired — running with nothing left.
 */

export interface TimerState {
	/** Server-time epoch ms at which a full `durationMs` would have started; null when idle. */
	startedAt: number | null;
	/** Length of the countdown, ms, 1 s … 4 h. */
	durationMs: number;
	/** Time left when paused, ms; null unless paused. */
	pausedRemainingMs: number | null;
}

export const TimerStatus = {
	idle: 'idle',
	running: 'running',
	paused: 'paused',
	expired: 'expired'
} as const;
export type TimerStatus = (typeof TimerStatus)[keyof typeof TimerStatus];

export interface TimerView {
	status: TimerStatus;
	/** Time left, ms, 0 … durationMs. */
	remainingMs: number;
	durationMs: number;
	/** Share of the time used, 0 … 1, for a progress ring. */
	elapsedFraction: number;
}

/** Shortest and longest countdown accepted, ms. */
export const TIMER_LIMITS = { minMs: 1_000, maxMs: 4 * 60 * 60 * 1000 } as const;

export const DEFAULT_TIMER: TimerState = {
	startedAt: null,
	durationMs: 5 * 60 * 1000,
	pausedRemainingMs: null
};

/** Why a duration was refused. */
export type DurationProblem = 'not-integer' | 'out-of-range';

export function checkDuration(ms: unknown): DurationProblem | undefined {
	if (typeof ms !== 'number' || !Number.isInteger(ms)) return 'not-integer';
	return ms < TIMER_LIMITS.minMs || ms > TIMER_LIMITS.maxMs ? 'out-of-range' : undefined;
}

const clamp = (value: number, max: number) => Math.max(0, Math.min(max, value));

/**
 * What the timer shows at server time `now` (epoch ms). A `startedAt` in the future (the
 * facilitator's clock estimate ran ahead) shows the full duration rather than more than it.
 */
export function timerView(timer: TimerState, now: number): TimerView {
	const { durationMs } = timer;
	let status: TimerStatus;
	let remainingMs: number;
	if (timer.pausedRemainingMs !== null) {
		status = TimerStatus.paused;
		remainingMs = clamp(timer.pausedRemainingMs, durationMs);
	} else if (timer.startedAt === null) {
		status = TimerStatus.idle;
		remainingMs = durationMs;
	} else {
		remainingMs = clamp(durationMs - (now - timer.startedAt), durationMs);
		status = remainingMs > 0 ? TimerStatus.running : TimerStatus.expired;
	}
	return {
		status,
		remainingMs,
		durationMs,
		elapsedFraction: durationMs > 0 ? 1 - remainingMs / durationMs : 1
	};
}

/** A countdown of `durationMs` starting at server time `now`. */
export function startTimer(durationMs: number, now: number): TimerState {
	return { startedAt: now, durationMs, pausedRemainingMs: null };
}

/** Freezes the time left; pausing a paused, idle or expired timer changes nothing. */
export function pauseTimer(timer: TimerState, now: number): TimerState {
	const view = timerView(timer, now);
	if (view.status !== TimerStatus.running) return timer;
	return { ...timer, pausedRemainingMs: view.remainingMs };
}

/**
 * Runs on from the time left. The new `startedAt` is back-dated so that the one formula
 * `durationMs − (now − startedAt)` holds again, and readers never need to know it was paused.
 */
export function resumeTimer(timer: TimerState, now: number): TimerState {
	if (timer.pausedRemainingMs === null) return timer;
	const remaining = clamp(timer.pausedRemainingMs, timer.durationMs);
	return {
		startedAt: now - (timer.durationMs - remaining),
		durationMs: timer.durationMs,
		pausedRemainingMs: null
	};
}

/** Back to idle, with the same duration unless another is given. */
export function resetTimer(timer: TimerState, durationMs = timer.durationMs): TimerState {
	return { startedAt: null, durationMs, pausedRemainingMs: null };
}

/**
 * Adds (or with a negative `ms`, removes) time: "two more minutes". The duration grows with it,
 * so the progress ring stays honest; an expired timer restarts with `ms` left.
 */
export function extendTimer(timer: TimerState, ms: number, now: number): TimerState {
	const view = timerView(timer, now);
	const remaining = Math.max(0, view.remainingMs + ms);
	const durationMs = Math.min(
		TIMER_LIMITS.maxMs,
		Math.max(
			TIMER_LIMITS.minMs,
			view.status === TimerStatus.expired ? remaining : timer.durationMs + ms
		)
	);
	const left = Math.min(remaining, durationMs);
	if (view.status === TimerStatus.paused) return { ...timer, durationMs, pausedRemainingMs: left };
	if (view.status === TimerStatus.idle) return { ...timer, durationMs };
	return { startedAt: now - (durationMs - left), durationMs, pausedRemainingMs: null };
}

/** One round trip to the server: this device's clock before and after, the server's in between. */
export interface ClockSample {
	/** Local epoch ms when the request left. */
	sentAt: number;
	/** Server epoch ms when it answered. */
	serverTime: number;
	/** Local epoch ms when the answer arrived. */
	receivedAt: number;
}

export interface ClockEstimate {
	/** Add to the local clock to get server time, ms. */
	offsetMs: number;
	/** Shortest round trip seen, ms; the estimate is good to about half of it. */
	roundTripMs: number;
	/** How many samples the estimate rests on. */
	samples: number;
}

/**
 * Estimates the offset between this device's clock and the server's, NTP-style: each sample says
 * the server's clock read `serverTime` somewhere between `sentAt` and `receivedAt`, most likely
 * halfway. Delays are rarely symmetric, and the error of a sample is at most half its round trip,
 * so only the fastest third of the samples count, and their median offset is the answer (one
 * slow or odd sample moves nothing). Samples that went backwards in time are ignored; undefined
 * when none is usable.
 */
export function estimateClockOffset(samples: readonly ClockSample[]): ClockEstimate | undefined {
	const usable = samples
		.filter(
			(s) =>
				Number.isFinite(s.sentAt) &&
				Number.isFinite(s.serverTime) &&
				Number.isFinite(s.receivedAt) &&
				s.receivedAt >= s.sentAt
		)
		.map((s) => ({
			rtt: s.receivedAt - s.sentAt,
			offset: s.serverTime - (s.sentAt + s.receivedAt) / 2
		}))
		.sort((a, b) => a.rtt - b.rtt || a.offset - b.offset);
	if (usable.length === 0) return undefined;
	const best = usable.slice(0, Math.ceil(usable.length / 3)).map((s) => s.offset);
	best.sort((a, b) => a - b);
	const middle = best.length >> 1;
	const offset = best.length % 2 ? best[middle]! : (best[middle - 1]! + best[middle]!) / 2;
	return { offsetMs: Math.round(offset), roundTripMs: usable[0]!.rtt, samples: best.length };
}

/** Server time now, from the local clock and an estimate (none yet: trust the local clock). */
export function serverNow(localNow: number, estimate: ClockEstimate | undefined): number {
	return localNow + (estimate?.offsetMs ?? 0);
}
