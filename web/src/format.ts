import type { Lang } from './i18n';

/** The stages of the pipeline, in order, then the two set aside. */
export const PIPELINE_STAGES = [
  'DOCKING',
  'EVALUATION',
  'PROOF_OF_CONCEPT',
  'PILOT',
  'INDUSTRIALIZATION',
  'COMMERCIALIZED',
] as const;
export const FOLDED_STAGES = ['ON_HOLD', 'TERMINATED'] as const;
export type Stage = (typeof PIPELINE_STAGES)[number] | (typeof FOLDED_STAGES)[number];
export const ALL_STAGES: readonly Stage[] = [...PIPELINE_STAGES, ...FOLDED_STAGES];

/** Project stages, and GROWTH, the one investment stage that is not a project's. */
const STAGE_NAMES: Record<Stage | 'GROWTH', { en: string; zh: string }> = {
  DOCKING: { en: 'Docking', zh: '对接' },
  EVALUATION: { en: 'Evaluation', zh: '评估' },
  PROOF_OF_CONCEPT: { en: 'Proof of concept', zh: '概念验证' },
  PILOT: { en: 'Pilot', zh: '中试' },
  INDUSTRIALIZATION: { en: 'Industrialization', zh: '产业化' },
  COMMERCIALIZED: { en: 'Commercialized', zh: '商业化' },
  ON_HOLD: { en: 'On hold', zh: '暂停' },
  TERMINATED: { en: 'Terminated', zh: '终止' },
  GROWTH: { en: 'Growth', zh: '成长期' },
};

export function stageName(stage: string, lang: Lang): string {
  return STAGE_NAMES[stage as Stage | 'GROWTH']?.[lang] ?? stage;
}

/**
 * An exact decimal string with its currency, digits grouped: `120000000.00` CNY becomes
 * `CNY 120,000,000.00`. The amount stays a string throughout: no float ever rounds it.
 */
export function formatMoney(money: { amount: string; currency: string }): string {
  const [whole = '', fraction] = money.amount.split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${money.currency} ${negative ? '-' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** The day of an ISO 8601 instant, in China time (where the alliance works). */
export function chinaDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}
