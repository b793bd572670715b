/**
 * An account's travel settings: which carriers are "us", the benchmark price per kilometre per
 * cabin that savings are measured against, and when a fall in spend raises an alert.
 */
import { DEFAULT_ALERT_DROP } from './alerts';
import type { PeriodKind } from './periods';
import type { BenchmarkTable } from './routes';

export interface TravelSettings {
	/** IATA carrier codes (two characters) that count as our airline. */
	ourCarriers: string[];
	/** CNY per km per cabin. */
	benchmark: BenchmarkTable;
	/** Alert when spend falls by more than this share (0..1) against the period before. */
	alertDrop: number;
	/** The period alerts compare. */
	alertPeriod: PeriodKind;
}

/**
 * Defaults: Air China, the airline of the source material; benchmark fares per km in the range of
 * Chinese domestic averages, to be replaced by the account team's own table.
 */
export const DEFAULT_TRAVEL_SETTINGS: TravelSettings = {
	ourCarriers: ['CA'],
	benchmark: { F: 2.4, C: 1.6, W: 1.1, Y: 0.8 },
	alertDrop: DEFAULT_ALERT_DROP,
	alertPeriod: 'quarter'
};

export type TravelSettingsProblem = 'bad-carrier' | 'bad-benchmark' | 'bad-alert-drop';

/** Reads carrier codes as people type them: "CA, ZH；SC" → ['CA', 'ZH', 'SC']. */
export function parseCarriers(text: string): string[] | 'bad-carrier' {
	const codes = text
		.split(/[\s,，;；、]+/)
		.map((code) => code.trim().toUpperCase())
		.filter(Boolean);
	if (codes.length === 0 || codes.some((code) => !/^[A-Z0-9]{2}$/.test(code))) return 'bad-carrier';
	return [...new Set(codes)];
}

/** The first problem with `settings`, or undefined when they can be saved. */
export function checkTravelSettings(settings: TravelSettings): TravelSettingsProblem | undefined {
	if (
		settings.ourCarriers.length === 0 ||
		settings.ourCarriers.some((c) => !/^[A-Z0-9]{2}$/.test(c))
	) {
		return 'bad-carrier';
	}
	for (const value of Object.values(settings.benchmark)) {
		if (value !== undefined && !(Number.isFinite(value) && value > 0 && value < 100)) {
			return 'bad-benchmark';
		}
	}
	if (!(settings.alertDrop > 0 && settings.alertDrop < 1)) return 'bad-alert-drop';
	return undefined;
}

/** Settings as stored, with anything missing or malformed replaced by its default. */
export function readTravelSettings(
	stored: Partial<Record<keyof TravelSettings, unknown>>
): TravelSettings {
	const merged = { ...DEFAULT_TRAVEL_SETTINGS };
	if (Array.isArray(stored.ourCarriers) && stored.ourCarriers.every((c) => typeof c === 'string')) {
		merged.ourCarriers = stored.ourCarriers as string[];
	}
	if (stored.benchmark && typeof stored.benchmark === 'object') {
		merged.benchmark = stored.benchmark as BenchmarkTable;
	}
	if (typeof stored.alertDrop === 'number') merged.alertDrop = stored.alertDrop;
	if (
		stored.alertPeriod === 'month' ||
		stored.alertPeriod === 'quarter' ||
		stored.alertPeriod === 'year'
	) {
		merged.alertPeriod = stored.alertPeriod;
	}
	return checkTravelSettings(merged) ? { ...DEFAULT_TRAVEL_SETTINGS } : merged;
}
