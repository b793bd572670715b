import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	MAX_PLAN_TEXT,
	addPlanStep,
	readDevelopmentPlan,
	removePlanStep,
	setPlanText,
	startDevelopmentPlan,
	updatePlanStep
} from '../../src/lib/model/development-plan';
import { readMeta } from '../../src/lib/model/meta';

const source = { cycleTitle: '2026 下半年评估', subjectName: '李雷', focus: ['管理沟通'] };

describe('development plan', () => {
	it('starts from its report and keeps what the subject writes, steps in the order made', () => {
		const doc = new Y.Doc();
		startDevelopmentPlan(doc, '发展计划 · 2026 下半年评估', source);
		expect(readMeta(doc)).toMatchObject({ kind: 'development-plan' });
		setPlanText(doc, 'keep', '继续主动跟进大客户');
		setPlanText(doc, 'grow', 'x'.repeat(MAX_PLAN_TEXT + 10));
		const first = addPlanStep(doc, '每周一对一沟通', '2027-01-31', 1000);
		const second = addPlanStep(doc, '参加沟通培训', '', 2000);
		updatePlanStep(doc, first, { done: true });
		updatePlanStep(doc, 'missing', { done: true });
		const plan = readDevelopmentPlan(doc);
		expect(plan.source).toEqual(source);
		expect(plan.keep).toBe('继续主动跟进大客户');
		expect(plan.grow).toHaveLength(MAX_PLAN_TEXT);
		expect(plan.steps.map((s) => [s.id, s.text, s.due, s.done])).toEqual([
			[first, '每周一对一沟通', '2027-01-31', true],
			[second, '参加沟通培训', '', false]
		]);
		removePlanStep(doc, second);
		expect(readDevelopmentPlan(doc).steps).toHaveLength(1);
	});

	it('merges two devices and reads past entries of the wrong shape', () => {
		const a = new Y.Doc();
		startDevelopmentPlan(a, 'plan', source);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		addPlanStep(a, 'from the laptop');
		addPlanStep(b, 'from the phone');
		b.getMap('steps').set('junk', { text: 42 });
		b.getMap('plan').set('source', 'not a source');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(readDevelopmentPlan(a)).toEqual(readDevelopmentPlan(b));
		expect(
			readDevelopmentPlan(a)
				.steps.map((s) => s.text)
				.sort()
		).toEqual(['from the laptop', 'from the phone']);
		expect(readDevelopmentPlan(a).source).toBeUndefined();
	});
});
