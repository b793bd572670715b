import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_TIMER,
	checkDuration,
	estimateClockOffset,
	extendTimer,
	pauseTimer,
	resetTimer,
	resumeTimer,
	serverNow,
	startTimer,
	timerView,
	type ClockSample
} from '../../src/lib/domain/journey/timer';

const T0 = 1_750_000_000_000;
const MIN = 60_000;

describe('workshop timer', () => {
	it('counts down, pauses, resumes where it stopped and expires at zero', () => {
		let timer = startTimer(5 * MIN, T0);
		expect(timerView(timer, T0)).toMatchObject({ status: 'running', remainingMs: 5 * MIN });
		expect(timerView(timer, T0 + MIN).remainingMs).toBe(4 * MIN);

		timer = pauseTimer(timer, T0 + MIN);
		expect(timerView(timer, T0 + 10 * MIN)).toMatchObject({
			status: 'paused',
			remainingMs: 4 * MIN
		});
		expect(pauseTimer(timer, T0 + 11 * MIN)).toBe(timer);

		timer = resumeTimer(timer, T0 + 10 * MIN);
		expect(timerView(timer, T0 + 10 * MIN)).toMatchObject({
			status: 'running',
			remainingMs: 4 * MIN
		});
		expect(timerView(timer, T0 + 13 * MIN).remainingMs).toBe(MIN);
		expect(timerView(timer, T0 + 14 * MIN)).toMatchObject({ status: 'expired', remainingMs: 0 });
		expect(timerView(timer, T0 + 99 * MIN)).toMatchObject({
			status: 'expired',
			remainingMs: 0,
			elapsedFraction: 1
		});

		timer = resetTimer(timer);
		expect(timerView(timer, T0 + 99 * MIN)).toMatchObject({ status: 'idle', remainingMs: 5 * MIN });
		expect(resumeTimer(timer, T0)).toBe(timer);
	});

	it('a start stamped ahead of this clock shows the full time, never more', () => {
		const timer = startTimer(2 * MIN, T0 + 5_000);
		expect(timerView(timer, T0).remainingMs).toBe(2 * MIN);
	});

	it('adding time lengthens a running or paused countdown and restarts an expired one', () => {
		const running = extendTimer(startTimer(5 * MIN, T0), 2 * MIN, T0 + MIN);
		expect(timerView(running, T0 + MIN)).toMatchObject({
			remainingMs: 6 * MIN,
			durationMs: 7 * MIN
		});
		const paused = extendTimer(pauseTimer(startTimer(5 * MIN, T0), T0 + MIN), MIN, T0 + 3 * MIN);
		expect(timerView(paused, T0 + 9 * MIN)).toMatchObject({
			status: 'paused',
			remainingMs: 5 * MIN
		});
		const expired = extendTimer(startTimer(MIN, T0), 2 * MIN, T0 + 10 * MIN);
		expect(timerView(expired, T0 + 10 * MIN)).toMatchObject({
			status: 'running',
			remainingMs: 2 * MIN
		});
		expect(extendTimer(DEFAULT_TIMER, MIN, T0).durationMs).toBe(6 * MIN);
	});

	it('accepts durations from a second to four hours, in whole milliseconds', () => {
		expect(checkDuration(999)).toBe('out-of-range');
		expect(checkDuration(4 * 60 * MIN + 1)).toBe('out-of-range');
		expect(checkDuration(1.5 * 1000 + 0.5)).toBe('not-integer');
		expect(checkDuration(3 * MIN)).toBeUndefined();
	});

	it('time left never goes up while running and never below zero, through any pause and resume', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1_000, max: 30 * MIN }),
				fc.array(fc.record({ wait: fc.nat(5 * MIN), toggle: fc.boolean() }), { maxLength: 20 }),
				(duration, steps) => {
					let now = T0;
					let timer = startTimer(duration, now);
					let running = 0;
					let last = duration;
					for (const step of steps) {
						const before = timerView(timer, now).status;
						now += step.wait;
						if (before === 'running') running += step.wait;
						const view = timerView(timer, now);
						expect(view.remainingMs).toBeGreaterThanOrEqual(0);
						expect(view.remainingMs).toBeLessThanOrEqual(last);
						expect(view.remainingMs).toBe(Math.max(0, duration - running));
						last = view.remainingMs;
						if (step.toggle)
							timer = view.status === 'paused' ? resumeTimer(timer, now) : pauseTimer(timer, now);
					}
				}
			)
		);
	});
});

describe('clock offset', () => {
	/** A device whose clock runs `skew` ms behind the server, asking with the given delays. */
	function sample(skew: number, at: number, up: number, down: number): ClockSample {
		return { sentAt: at - skew, serverTime: at + up, receivedAt: at + up + down - skew };
	}

	it('estimates a late joiner’s skew from round trips, trusting the fastest ones', () => {
		const skew = 90_000;
		const samples = [
			sample(skew, T0, 20, 22),
			sample(skew, T0 + 1000, 400, 15), // a slow, lopsided trip: ignored
			sample(skew, T0 + 2000, 18, 19),
			sample(skew, T0 + 3000, 25, 26),
			sample(skew, T0 + 4000, 19, 18),
			sample(skew, T0 + 5000, 900, 30) // another
		];
		const estimate = estimateClockOffset(samples)!;
		expect(Math.abs(estimate.offsetMs - skew)).toBeLessThanOrEqual(estimate.roundTripMs / 2);
		expect(estimate.roundTripMs).toBe(37);
		expect(estimate.samples).toBe(2);
	});

	it('with the offset, a skewed participant sees the time the facilitator started', () => {
		const skew = -45_000; // this participant's clock runs 45 s fast
		const estimate = estimateClockOffset([
			sample(skew, T0, 30, 30),
			sample(skew, T0 + 500, 28, 32)
		]);
		const timer = startTimer(3 * MIN, T0 + 1_000); // stamped in server time by the facilitator
		const localNow = T0 + 61_000 - skew; // one minute after the start, on the participant's clock
		const shown = timerView(timer, serverNow(localNow, estimate)).remainingMs;
		expect(Math.abs(shown - 2 * MIN)).toBeLessThanOrEqual(30);
		// Without it, the participant would be 45 s off.
		expect(timerView(timer, localNow).remainingMs).toBe(2 * MIN - 45_000);
	});

	it('has no estimate from nothing, or from samples that went backwards', () => {
		expect(estimateClockOffset([])).toBeUndefined();
		expect(estimateClockOffset([{ sentAt: 10, serverTime: 5, receivedAt: 9 }])).toBeUndefined();
		expect(serverNow(T0, undefined)).toBe(T0);
	});
});
