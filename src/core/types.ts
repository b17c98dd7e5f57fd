/** What the pure core needs to know about a question; the bank's full Question type satisfies it. */
export interface CoreQuestion {
  readonly id: string;
  readonly domain: string;
  readonly exams: Readonly<Record<string, number>>;
  readonly type: 'single' | 'multi';
  readonly options: readonly { readonly correct?: boolean | undefined }[];
  /** cited note sections (`note#slug`), where a learner who misses it is sent */
  readonly sections: readonly string[];
}

/** Returns a float in [0, 1). */
export type Rng = () => number;

/** One question of an attempt: which question, and the order its options are shown in (original indices). */
export interface PlanItem {
  readonly questionId: string;
  readonly optionOrder: readonly number[];
}

export interface ExamShape {
  readonly questions: number;
  readonly minutes: number;
  readonly passScaled: number;
  /** guide domain → weight (any positive scale) */
  readonly weights: Readonly<Record<string, number>>;
}
