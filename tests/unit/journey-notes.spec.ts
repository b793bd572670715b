import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	checkNoteText,
	notesInFocus,
	publishableNotes,
	stripAuthorship,
	visibleNotes,
	type BoardNote,
	type NoteRules,
	type NoteViewer
} from '../../src/lib/domain/journey/notes';

const seat = { kind: 'touchpoint', id: 'seat' } as const;
const hidden: NoteRules = { notesRevealedThrough: 0, anonymous: false };
const revealed: NoteRules = { notesRevealedThrough: 1, anonymous: false };

const notes: BoardNote[] = [
	{ id: 'n1', author: 'li', text: '座椅太窄', target: seat, createdAt: 10, round: 1, silent: true },
	{
		id: 'n2',
		author: 'wang',
		text: 'Wi-Fi 断线',
		target: seat,
		createdAt: 20,
		round: 1,
		silent: true
	},
	{
		id: 'n0',
		text: '餐食偏咸',
		target: seat,
		createdAt: 30,
		round: 1,
		silent: true,
		anonymous: true
	}
];

const li: NoteViewer = { role: 'participant', id: 'li' };
const zhao: NoteViewer = { role: 'participant', id: 'zhao', own: new Set(['n0']) };
const projector: NoteViewer = { role: 'projector' };
const facilitator: NoteViewer = { role: 'facilitator', id: 'chen' };

describe('note visibility', () => {
	it('in silent writing, each person sees only their own notes; others see a count', () => {
		const mine = visibleNotes(notes, li, hidden);
		expect(mine.notes.map((n) => [n.id, n.mine, n.pending])).toEqual([['n1', true, true]]);
		expect(mine.hidden).toBe(2);
		expect(visibleNotes(notes, projector, hidden)).toEqual({ notes: [], hidden: 3 });
		expect(visibleNotes(notes, facilitator, hidden)).toEqual({ notes: [], hidden: 3 });
		// The author of an anonymous note knows it from their own device, not from the note.
		const own = visibleNotes(notes, zhao, hidden).notes;
		expect(own).toEqual([
			{ id: 'n0', text: '餐食偏咸', target: seat, anonymous: true, mine: true, pending: true }
		]);
	});

	it('after the reveal everyone sees every note; anonymous ones carry no author and no time', () => {
		for (const viewer of [li, projector, facilitator]) {
			const { notes: seen, hidden: count } = visibleNotes(notes, viewer, revealed);
			expect(count).toBe(0);
			expect(seen.map((n) => n.id)).toEqual(['n1', 'n2', 'n0']);
			const anonymous = seen.find((n) => n.id === 'n0')!;
			expect('author' in anonymous).toBe(false);
			expect('createdAt' in anonymous).toBe(false);
			expect(anonymous.anonymous).toBe(true);
		}
		expect(visibleNotes(notes, projector, revealed).notes.every((n) => !n.mine)).toBe(true);
	});

	it('notes written outside silent mode are visible at once', () => {
		const open: BoardNote = { ...notes[1]!, id: 'n3', silent: false, round: 2 };
		expect(visibleNotes([open], li, revealed).notes.map((n) => n.id)).toEqual(['n3']);
	});

	it('anonymous mode hides the authors of notes that still carry one', () => {
		const seen = visibleNotes(notes, projector, { ...revealed, anonymous: true }).notes;
		expect(seen.every((n) => n.anonymous && !('author' in n))).toBe(true);
		// …but the writer still recognises their own.
		const mine = visibleNotes(notes, li, { ...revealed, anonymous: true }).notes;
		expect(mine.find((n) => n.id === 'n1')?.mine).toBe(true);
	});

	it('what the relay publishes holds no pending note and no viewer flags', () => {
		const published = publishableNotes(notes, hidden);
		expect(published).toEqual([]);
		const later = publishableNotes(notes, revealed);
		expect(later.map((n) => n.id)).toEqual(['n1', 'n2', 'n0']);
		for (const note of later) {
			expect('mine' in note).toBe(false);
			expect('pending' in note).toBe(false);
		}
		expect('author' in later[2]!).toBe(false);
	});

	it('stripping authorship keeps only id, text and target, whatever else the record held', () => {
		const record = { ...notes[0]!, clientId: 1234, authorName: 'Li Lei' } as BoardNote;
		expect(stripAuthorship(record)).toEqual({
			id: 'n1',
			text: '座椅太窄',
			target: seat,
			anonymous: true,
			mine: false,
			pending: false
		});
	});

	it('a revealed anonymous note never carries any trace of its author, for any viewer', () => {
		const author = fc.nat(5).map((n) => `AUTHOR-${n}`);
		const extra = fc.dictionary(
			fc.constantFrom('author', 'authorName', 'clientId', 'writer', 'by'),
			author
		);
		const note = fc
			.record({
				id: fc.string({
					unit: fc.constantFrom('a', 'b', 'c', '1', '2'),
					minLength: 1,
					maxLength: 6
				}),
				author: fc.option(author, { nil: undefined }),
				text: fc.string({ unit: fc.constantFrom('x', 'y', ' ', '座'), maxLength: 12 }),
				target: fc.record({
					kind: fc.constantFrom('stage' as const, 'touchpoint' as const),
					id: fc.constantFrom('s1', 't1')
				}),
				createdAt: fc.nat(1000),
				round: fc.nat(3),
				silent: fc.boolean(),
				anonymous: fc.boolean()
			})
			.chain((n) => extra.map((e) => ({ ...e, ...n }) as BoardNote));
		const viewer: fc.Arbitrary<NoteViewer> = fc.oneof(
			fc.constant({ role: 'projector' } as const),
			fc.record({
				role: fc.constantFrom('participant' as const, 'facilitator' as const),
				id: fc.constantFrom('AUTHOR-0', 'AUTHOR-1', 'someone')
			})
		);
		fc.assert(
			fc.property(
				fc.array(note, { maxLength: 12 }),
				viewer,
				fc.nat(3),
				fc.boolean(),
				(list, who, through, anonymous) => {
					const rules = { notesRevealedThrough: through, anonymous };
					const { notes: seen } = visibleNotes(list, who, rules);
					for (const shown of seen) {
						if (!shown.anonymous) continue;
						expect(Object.keys(shown).sort()).toEqual(
							['anonymous', 'id', 'mine', 'pending', 'target', 'text'].sort()
						);
						expect(JSON.stringify(shown)).not.toContain('AUTHOR-');
						expect(Object.keys(shown.target).sort()).toEqual(['id', 'kind']);
					}
					for (const published of publishableNotes(list, rules)) {
						if (published.anonymous) expect(JSON.stringify(published)).not.toContain('AUTHOR-');
					}
					// Anonymous notes of others in view are exactly the anonymous public ones.
					const isAnon = (n: BoardNote) => n.anonymous || anonymous || n.author === undefined;
					const expected = list.filter(
						(n) => isAnon(n) && (!n.silent || (n.round ?? 0) <= through)
					).length;
					if (who.role === 'projector')
						expect(seen.filter((n) => n.anonymous).length).toBe(expected);
				}
			)
		);
	});

	it('refuses blank and overlong note texts', () => {
		expect(checkNoteText('  ')).toBe('empty');
		expect(checkNoteText('x'.repeat(281))).toBe('too-long');
		expect(checkNoteText('登机口排队太久')).toBeUndefined();
	});
});

describe('notes in focus', () => {
	const journey = {
		stages: [
			{ id: 's1', touchpoints: [{ id: 't1' }, { id: 't2' }] },
			{ id: 's2', touchpoints: [{ id: 't3' }] }
		]
	};
	const at = (id: string, kind: 'stage' | 'touchpoint' = 'touchpoint') => ({
		id: `on-${id}`,
		target: { kind, id }
	});
	const notes = [at('s1', 'stage'), at('t1'), at('t2'), at('t3'), at('s2', 'stage')];
	const ids = (list: { id: string }[]) => list.map((n) => n.id);

	it('a touchpoint in focus shows its own notes only, not its stage’s', () => {
		expect(ids(notesInFocus(notes, { kind: 'touchpoint', id: 't1' }, journey))).toEqual(['on-t1']);
	});

	it('a stage in focus shows its notes and its touchpoints’; no focus shows all', () => {
		expect(ids(notesInFocus(notes, { kind: 'stage', id: 's1' }, journey))).toEqual([
			'on-s1',
			'on-t1',
			'on-t2'
		]);
		expect(notesInFocus(notes, null, journey)).toHaveLength(5);
	});
});
