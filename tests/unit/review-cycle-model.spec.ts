import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftCipher, newDraftKey } from '../../src/lib/model/draft-cipher.ts';
import { buildReport } from '../../src/lib/domain/review/report';
import { seededRandom } from '../../src/lib/domain/review/random';
import { reportCsvRows } from '../../src/lib/domain/review/report-csv';
import {
	addNomination,
	addSubject,
	readCycleConfig,
	readNominations,
	removeSubject,
	setGroupWeight,
	startCycle
} from '../../src/lib/model/review-cycle';
import {
	initDraft,
	markSubmitted,
	queueSubmit,
	readAnswers,
	setAnswer,
	submitState
} from '../../src/lib/model/review-draft';

describe('review-cycle document', () => {
	it('starts from a template once and holds no responses', () => {
		const doc = new Y.Doc();
		startCycle(doc, 'frontline');
		startCycle(doc, 'manager');
		const config = readCycleConfig(doc)!;
		expect(config.groups).toEqual({ superior: 70, peer: 10, customer: 10, self: 10 });
		expect(config.questionnaire.competencies.map((c) => c.id)).toEqual(['conduct', 'performance']);
		const stored = [...doc.share.keys()];
		expect(stored.every((key) => ['cycle', 'subjects', 'nominations', 'meta'].includes(key))).toBe(
			true
		);
	});

	it('adds subjects and nominations, refusing duplicates and unknown subjects', () => {
		const doc = new Y.Doc();
		startCycle(doc, 'frontline');
		const li = addSubject(doc, '  李雷 ', 'boss@example.com')!;
		expect(addSubject(doc, '   ')).toBeUndefined();
		const fields = {
			subject: li,
			rater: ' P1@Example.com ',
			raterName: '韩梅梅',
			group: 'peer'
		} as const;
		expect(addNomination(doc, fields)).toMatchObject({ ok: true });
		expect(addNomination(doc, fields)).toEqual({ ok: false, reason: 'duplicate' });
		expect(addNomination(doc, { ...fields, subject: 'nobody' })).toEqual({
			ok: false,
			reason: 'unknown-subject'
		});
		expect(readNominations(doc)).toEqual([
			expect.objectContaining({ subject: li, rater: 'p1@example.com', status: 'approved' })
		]);
		expect(readCycleConfig(doc)!.subjects).toEqual([
			{ id: li, name: '李雷', manager: 'boss@example.com' }
		]);
		removeSubject(doc, li);
		expect(readNominations(doc)).toEqual([]);
	});

	it('edits group weights so checkCycle sees them', () => {
		const doc = new Y.Doc();
		startCycle(doc, 'frontline');
		setGroupWeight(doc, 'customer', undefined);
		setGroupWeight(doc, 'peer', 20);
		expect(readCycleConfig(doc)!.groups).toEqual({ superior: 70, peer: 20, self: 10 });
	});
});

describe('review-draft document', () => {
	it('locks once a submission is queued, and stays locked once done', () => {
		const doc = new Y.Doc();
		startCycle(doc, 'frontline');
		initDraft(doc, {
			cycle: 'c',
			subject: 's',
			subjectName: 'S',
			group: 'peer',
			questionnaire: readCycleConfig(doc)!.questionnaire
		});
		const cipher = draftCipher(newDraftKey());
		setAnswer(doc, cipher, 'sales', 4);
		expect(queueSubmit(doc, 'key-1')).toBe('key-1');
		expect(queueSubmit(doc, 'key-2')).toBe('key-1');
		setAnswer(doc, cipher, 'sales', 1);
		expect(readAnswers(doc, cipher)).toEqual({ sales: 4 });
		markSubmitted(doc);
		expect(submitState(doc)).toBe('done');
	});
});

describe('report CSV', () => {
	it('exports shown aggregates only, with a header and a total', () => {
		const doc = new Y.Doc();
		startCycle(doc, 'frontline');
		const config = { ...readCycleConfig(doc)!, subjects: [{ id: 's', name: 'S' }] };
		const items = config.questionnaire.competencies.flatMap((c) => c.items.map((i) => i.id));
		const answers = (score: 1 | 2 | 3 | 4 | 5) => Object.fromEntries(items.map((i) => [i, score]));
		const report = buildReport(
			config,
			's',
			[
				{ subject: 's', group: 'superior', answers: answers(4), comments: {} },
				{ subject: 's', group: 'peer', answers: answers(1), comments: {} }
			],
			seededRandom(1)
		);
		const rows = reportCsvRows(report, {
			header: ['level', 'name', 'unit', 'n'],
			level: (level) => level,
			unit: (u) => u,
			competency: (id) => id,
			item: (id) => id
		});
		expect(rows[0]).toEqual(['level', 'name', 'unit', 'n']);
		// One peer is below the threshold of 3: no row for peers anywhere. The superior's conduct
		// cell counts the three scores given across its three items.
		expect(rows.some((row) => row[2] === 'peer')).toBe(false);
		expect(rows).toContainEqual([
			'competency',
			'conduct',
			'superior',
			3,
			'4.00',
			'',
			'4.00',
			0,
			0,
			0,
			3,
			0,
			0
		]);
		expect(rows.at(-1)![0]).toBe('total');
	});
});
