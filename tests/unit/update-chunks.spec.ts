import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeDemoAccount } from '../../src/lib/model/demo-account';
import { splitUpdate } from '../../src/lib/model/update-chunks';

/** Applies each piece in order to a fresh document, as the page does one task at a time. */
function applyPieces(pieces: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const piece of pieces) Y.applyUpdate(doc, piece);
	return doc;
}

/** Every top-level map of `doc` as JSON (the account's types are all maps). */
function contentOf(doc: Y.Doc, names = [...doc.share.keys()]) {
	return Object.fromEntries(names.map((name) => [name, doc.getMap(name).toJSON()]));
}

/** Three people's edits, merged: concurrent inserts into one list, edits of each other's maps, deletions. */
function threePeople(): Y.Doc {
	const docs = [1, 2, 3].map((client) => {
		const doc = new Y.Doc();
		doc.clientID = client;
		return doc;
	});
	const sync = () => {
		for (const a of docs)
			for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	};
	for (let round = 0; round < 30; round++) {
		docs.forEach((doc, who) => {
			const nodes = doc.getMap<Y.Map<unknown>>('nodes');
			for (let i = 0; i < 40; i++) {
				const node = new Y.Map<unknown>();
				node.set('name', `n${who}-${round}-${i}`);
				node.set('spend', i * 1000);
				nodes.set(`${who}-${round}-${i}`, node);
			}
			// Edit and delete what others wrote in earlier rounds.
			for (const [key, node] of [...nodes].slice(0, 10)) {
				if (!key.startsWith(String(who))) node.set('owner', `p${who}`);
			}
			const doomed = [...nodes.keys()].find((key) => key.endsWith(`-${round - 1}-${who}`));
			if (doomed) nodes.delete(doomed);
			doc.getArray<string>('log').insert(0, [`r${round} by ${who}`]);
		});
		if (round % 3 === 2) sync();
	}
	sync();
	return docs[0]!;
}

describe('a large update applied in pieces', () => {
	it('gives the same account as applied whole, with the bookings block intact', () => {
		const source = new Y.Doc();
		writeDemoAccount(source, { language: 'zh', size: 600, bookings: 2_000 });
		const update = Y.encodeStateAsUpdate(source);
		const pieces = splitUpdate(update, 500);
		expect(pieces.length).toBeGreaterThan(5);
		const doc = applyPieces(pieces);
		expect(doc.store.pendingStructs).toBeNull();
		expect(contentOf(doc)).toEqual(contentOf(source));
		expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(source));
		// Each piece is a fraction of the whole.
		for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeLessThan(update.length);
	});

	it('converges for several clients with concurrent edits and deletions, whatever the cut', () => {
		const source = threePeople();
		const update = Y.encodeStateAsUpdate(source);
		for (const size of [50, 333, 1_000]) {
			const doc = applyPieces(splitUpdate(update, size));
			expect(doc.store.pendingStructs).toBeNull();
			expect(doc.store.pendingDs).toBeNull();
			expect(contentOf(doc, ['nodes'])).toEqual(contentOf(source, ['nodes']));
			expect(doc.getArray('log').toArray()).toEqual(source.getArray('log').toArray());
			// Deletions arrived too: the two documents' full states are the same.
			expect(Y.encodeStateAsUpdate(doc)).toEqual(update);
		}
	});

	it("sends the few structs of the document's creator first, so no piece waits for a later one", () => {
		// The relay's creator writes the meta; a second person writes the whole account over it.
		const creator = new Y.Doc();
		creator.getMap('meta').set('kind', 'account');
		const writer = new Y.Doc();
		Y.applyUpdate(writer, Y.encodeStateAsUpdate(creator));
		writer.getMap('meta').set('kind', 'account');
		writeDemoAccount(writer, { language: 'zh', size: 600, bookings: 0 });
		const doc = new Y.Doc();
		for (const piece of splitUpdate(Y.encodeStateAsUpdate(writer), 500)) {
			Y.applyUpdate(doc, piece);
			expect(doc.store.pendingStructs).toBeNull();
		}
		expect(contentOf(doc)).toEqual(contentOf(writer));
	});

	it('counts every kind of content right: text beyond the BMP, formats, embeds, XML, any values, sub-documents', () => {
		const source = new Y.Doc();
		const text = source.getText('text');
		for (let i = 0; i < 20; i++) text.insert(text.length, `第${i}行 😀 𝄞 naïve\n`);
		text.format(2, 5, { bold: true });
		text.insertEmbed(3, { image: 'x.png' });
		text.delete(10, 7);
		const xml = source.getXmlFragment('xml');
		const element = new Y.XmlElement('p');
		element.setAttribute('class', 'lead');
		element.insert(0, [new Y.XmlText('你好 🌏')]);
		xml.insert(0, [element]);
		const list = source.getArray<unknown>('list');
		list.insert(0, [1, -7, 3.25, 2 ** 40, true, false, null, 'ü😀', { a: [1, { b: 'c' }] }]);
		list.insert(0, [new Uint8Array([1, 2, 3]), -0.5]);
		source.getMap('subdocs').set('child', new Y.Doc());
		list.delete(2, 3);
		const update = Y.encodeStateAsUpdate(source);
		for (const size of [1, 3, 7]) {
			const doc = applyPieces(splitUpdate(update, size));
			expect(doc.store.pendingStructs).toBeNull();
			expect(Y.encodeStateAsUpdate(doc)).toEqual(update);
			expect(doc.getText('text').toDelta()).toEqual(text.toDelta());
		}
	});

	it('returns a small update whole', () => {
		const source = new Y.Doc();
		source.getMap('meta').set('title', 'small');
		const update = Y.encodeStateAsUpdate(source);
		expect(splitUpdate(update)).toEqual([update]);
	});
});
