import { describe, expect, it } from 'vitest';
import {
	CLOSE_ENOUGH,
	matchDepartment,
	matchDepartments,
	normaliseUnitName,
	similarity
} from '../../src/lib/domain/bookings/department-match';

const units = [
	{ id: 'group', name: '中国华远能源集团' },
	{ id: 'east', name: '华东有限公司' },
	{ id: 'sh', name: '上海分公司' },
	{ id: 'nj', name: '南京分公司' },
	{ id: 'hz-a', name: '华远炼化杭州分公司' },
	{ id: 'hz-b', name: '华远石油杭州分公司' },
	{ id: 'bj', name: 'Beijing Office' }
];

describe('department names to tree nodes', () => {
	it('folds full-width forms, spaces, punctuation and unit-type endings', () => {
		expect(normaliseUnitName('上海分公司')).toBe('上海');
		expect(normaliseUnitName(' 上海 分公司 ')).toBe('上海');
		expect(normaliseUnitName('華東（有限公司）')).toBe('華東');
		expect(normaliseUnitName('ＢＥＩＪＩＮＧ　Office')).toBe('beijingoffice');
		expect(normaliseUnitName('华东子公司')).toBe('华东');
		expect(normaliseUnitName('华远能源股份有限公司')).toBe('华远能源');
		// A name that is only an ending keeps it rather than vanishing.
		expect(normaliseUnitName('分公司')).toBe('分公司');
	});

	it('matches the same name exactly, a suffix or width variant as normalised', () => {
		expect(matchDepartment('上海分公司', units)).toEqual({
			node: 'sh',
			confidence: 'exact',
			score: 1
		});
		expect(matchDepartment('上海', units)).toMatchObject({ node: 'sh', confidence: 'normalised' });
		expect(matchDepartment('华东子公司', units)).toMatchObject({
			node: 'east',
			confidence: 'normalised'
		});
		expect(matchDepartment('ＢＥＩＪＩＮＧ ＯＦＦＩＣＥ', units)).toMatchObject({
			node: 'bj',
			confidence: 'normalised'
		});
		expect(matchDepartment('南京营业部', units)).toMatchObject({
			node: 'nj',
			confidence: 'normalised'
		});
	});

	it('proposes a close name with a lower score, and nothing when two nodes fit equally', () => {
		const close = matchDepartment('华远能源集团', units);
		expect(close).toMatchObject({ node: 'group', confidence: 'close' });
		expect(close!.score).toBeGreaterThanOrEqual(CLOSE_ENOUGH);
		expect(close!.score).toBeLessThan(0.9);
		// 杭州 sits in two nodes' names equally: a person decides.
		expect(matchDepartment('杭州', units)).toBeUndefined();
		expect(matchDepartment('成都分公司', units)).toBeUndefined();
		expect(matchDepartment('', units)).toBeUndefined();
	});

	it('leaves a name shared by two nodes to a person, even when exact', () => {
		const twins = [
			{ id: 'a', name: '上海分公司' },
			{ id: 'b', name: '上海分公司' }
		];
		expect(matchDepartment('上海分公司', twins)).toBeUndefined();
	});

	it('maps a whole department list, skipping the unclear ones', () => {
		const matches = matchDepartments(['上海分公司', '南京', '杭州', '华东子公司'], units);
		expect([...matches.keys()]).toEqual(['上海分公司', '南京', '华东子公司']);
	});

	it('measures similarity symmetrically between 0 and 1', () => {
		expect(similarity('上海', '上海')).toBe(1);
		expect(similarity('上海', '广州')).toBe(0);
		expect(similarity('华远炼化', '华远石油')).toBeCloseTo(similarity('华远石油', '华远炼化'), 10);
	});
});
