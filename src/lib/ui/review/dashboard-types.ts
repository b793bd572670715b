/** JSON the review API sends to HR's dashboard and to report pages. */
import type { RaterGroup } from '$lib/domain/review/groups';
import type { SubjectFeasibility } from '$lib/domain/review/nomination';
import type { OutlierFlag } from '$lib/domain/review/outliers';
import type { CycleProgress } from '$lib/domain/review/progress';
import type { Proposal } from '$lib/api/reviews';
import type { GradeBand } from '$lib/domain/review/grades';
import type { Questionnaire } from '$lib/domain/review/questionnaire';
import type { Calibration, SubjectReport } from '$lib/domain/review/report';

export interface Dashboard {
	launched: boolean;
	closed: boolean;
	/** `claimedAt`: when a device claimed the rater's current invitation. */
	raters: Array<{ id: string; name: string; person: string; claimedAt?: number }>;
	/** Counts per subject and group (asked, submitted): before close, the only review figures. */
	progress: CycleProgress;
	owing: Array<{ raterId: string; rater: string; subject: string; group: RaterGroup }>;
	feasibility: SubjectFeasibility[];
	/** Computed at close over the groups the reports show; absent before close. */
	outliers: OutlierFlag[] | undefined;
	calibration: Calibration | undefined;
	audit: Array<{ at: number; action: string; detail: string }>;
	/** Raters managers approved or added that HR has not yet put in the cycle. */
	proposals: Array<Omit<Proposal, 'load'>>;
}

/** `GET /api/reviews/<cycle>/report/<subject>`. */
export interface ReportData {
	title: string;
	subjectName: string;
	questionnaire: Questionnaire;
	gradeBands: GradeBand[];
	report: SubjectReport;
}
