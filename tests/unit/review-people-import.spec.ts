/**
 * Bulk set-up: a people list in GBK CSV or Excel becomes subjects and approved nominations in the
 * cycle, and every refused row comes back with its row number and what it held.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readWorkbook } from '../../src/lib/domain/bookings/xlsx';
import {
	peopleColumns,
	planPeopleImport,
	readPeopleCsv,
	type PeoplePlan
} from '../../src/lib/domain/review/people-import';
import {
	addSubject,
	importPeople,
	peopleContext,
	readNominations,
	readSubjects,
	startCycle
} from '../../src/lib/model/review-cycle';
import { buildWorkbook } from './helpers/xlsx';

function newCycle() {
	const doc = new Y.Doc();
	startCycle(doc, 'mid-level-manager');
	return doc;
}

function plan(doc: Y.Doc, records: Parameters<typeof planPeopleImport>[0]): PeoplePlan {
	const result = planPeopleImport(records, peopleContext(doc));
	if ('problem' in result) throw new Error(result.problem);
	return result;
}

describe('people import', () => {
	it('reads a GBK CSV: subjects, raters and row-numbered problems', () => {
		const doc = newCycle();
		const records = readPeopleCsv(readFileSync('tests/fixtures/review-people-gbk.csv'));
		const result = plan(doc, records);
		expect(result.rows).toBe(13);
		expect(result.problems).toEqual([
			{ line: 8, reason: 'missing-person', value: '赵强' },
			{ line: 9, reason: 'unknown-group', value: '同学' },
			{ line: 10, reason: 'unknown-subject', value: '李小龙' },
			{ line: 11, reason: 'duplicate', value: 'zhangwei@example.com' },
			{ line: 12, reason: 'rater-is-subject', value: 'lilei@example.com' }
		]);
		expect(importPeople(doc, result)).toEqual({ subjects: 2, nominations: 6 });
		const subjects = readSubjects(doc);
		expect(subjects.map((s) => [s.name, s.person, s.manager])).toEqual([
			['李雷', 'lilei@example.com', 'wangfang@example.com'],
			['韩梅梅', 'hanmeimei@example.com', 'wangfang@example.com']
		]);
		const li = subjects[0]!.id;
		expect(
			readNominations(doc)
				.filter((n) => n.subject === li)
				.map((n) => [n.raterName, n.group, n.status])
		).toEqual([
			['王芳', 'superior', 'approved'],
			['张伟', 'peer', 'approved'],
			['刘洋', 'peer', 'approved'],
			['陈静', 'subordinate', 'approved']
		]);
	});

	it('importing the same file again adds nothing and says why, row by row', () => {
		const doc = newCycle();
		const records = readPeopleCsv(readFileSync('tests/fixtures/review-people-gbk.csv'));
		importPeople(doc, plan(doc, records));
		const again = plan(doc, records);
		expect(again.subjects).toEqual([]);
		expect(again.nominations).toEqual([]);
		expect(again.problems.filter((p) => p.reason === 'duplicate').map((p) => p.line)).toEqual([
			2, 3, 4, 5, 6, 7, 11, 13, 14
		]);
	});

	it('reads an Excel sheet with a title row above the header, English words, existing subjects', async () => {
		const doc = newCycle();
		addSubject(doc, 'Li Lei');
		const bytes = buildWorkbook([
			['People for the 2026 H2 review'],
			null,
			['Name', 'E-mail', 'Relationship', 'Subject'],
			['Wang Fang', 'Wang@Example.com', 'Superior', 'li lei'],
			['Zhang Wei', 'zhangwei@example.com', 'customer', 'Li Lei'],
			['Chen Jing', 'chenjing@example.com', 'Direct report', 'Li Lei']
		]);
		const result = plan(doc, await readWorkbook(bytes));
		expect(result.problems).toEqual([{ line: 5, reason: 'group-not-asked', value: 'customer' }]);
		expect(result.nominations.map((n) => [n.rater, n.group, n.line])).toEqual([
			['wang@example.com', 'superior', 4],
			['chenjing@example.com', 'subordinate', 6]
		]);
	});

	it('refuses a file without name and group columns as a whole', () => {
		const doc = newCycle();
		expect(planPeopleImport([{ line: 1, fields: ['a', 'b'] }], peopleContext(doc))).toEqual({
			problem: 'no-header'
		});
		expect(planPeopleImport([], peopleContext(doc))).toEqual({ problem: 'empty' });
	});

	it('finds columns by their Chinese or English names, most specific first', () => {
		expect(peopleColumns(['评价人姓名', '工号', '关系', '被评价人'])).toEqual({
			name: 0,
			person: 1,
			group: 2,
			subject: 3
		});
		expect(peopleColumns(['Subject', 'Name', 'Staff ID', 'Role', 'Manager'])).toEqual({
			subject: 0,
			name: 1,
			person: 2,
			group: 3,
			manager: 4
		});
	});
});
