import { describe, expect, it } from 'vitest';
import { ZH_AIRPORTS } from '../../src/lib/domain/bookings/airport-names-zh';
import { loadAirportIndex } from '../../src/lib/domain/bookings/airports';

describe('airports', async () => {
	const airports = await loadAirportIndex();

	it('holds thousands of airports, and every airport we name in Chinese', () => {
		expect(airports.size).toBeGreaterThan(5000);
		const missing = ZH_AIRPORTS.filter(([iata]) => !airports.get(iata)).map(([iata]) => iata);
		expect(missing).toEqual([]);
	});

	it('resolves codes, Chinese and English city names, and airport names', () => {
		expect(airports.resolve('pek')).toBe('PEK');
		expect(airports.resolve('北京')).toBe('PEK');
		expect(airports.resolve('上海虹桥')).toBe('SHA');
		expect(airports.resolve('上海')).toBe('PVG');
		expect(airports.resolve('首都机场')).toBe('PEK');
		expect(airports.resolve('Shanghai')).toBe('PVG');
		expect(airports.resolve('chengdu')).toBe('CTU');
		expect(airports.resolve('Atlantis')).toBeUndefined();
		expect(airports.resolve('XQZ')).toBeUndefined();
	});

	it('measures routes and names airports for each language', () => {
		// Beijing Capital to Shanghai Hongqiao is about 1,080 km as the crow flies.
		expect(airports.distance('PEK', 'SHA')).toBeGreaterThan(1050);
		expect(airports.distance('PEK', 'SHA')).toBeLessThan(1110);
		expect(airports.distance('PEK', 'XQZ')).toBeUndefined();
		expect(airports.label('SHA', 'zh')).toBe('上海虹桥');
		expect(airports.label('HKG', 'zh')).toBe('香港');
		expect(airports.label('SHA', 'en')).toBe('Shanghai SHA');
	});

	it("reads a city's airports as one place, named per language", () => {
		expect(airports.city('PKX')).toBe('PEK');
		expect(airports.city('PEK')).toBe('PEK');
		expect(airports.city('SHA')).toBe(airports.city('PVG'));
		expect(airports.city('CTU')).toBe(airports.city('TFU'));
		expect(airports.city('CAN')).not.toBe(airports.city('SZX'));
		expect(airports.city('XQZ')).toBe('XQZ');
		expect(airports.cityLabel(airports.city('PVG'), 'zh')).toBe('上海');
		expect(airports.cityLabel(airports.city('PVG'), 'en')).toBe('Shanghai');
		// London has airports in the UK and in Canada: the same name is not the same city.
		expect(airports.city('LHR')).toBe(airports.city('LGW'));
		expect(airports.city('YXU')).not.toBe(airports.city('LHR'));
	});
});
