/**
 * Review durations the rules can take from what History measured instead of their defaults
 * (setting `durations.source`, issue 10). Only reviews have a time the platform decides and
 * History can show: each is named here with the setting that holds its default and the unit
 * rules.md gives its SLA in. The measuring itself (History records → samples) is the workbook
 * layer's (src/workbook/durations.ts); the rules only decide when a measurement replaces a default.
 */
import type { Settings } from './settings';

export type ReviewKey = 'name' | 'verify' | 'qualification' | 'version.minigame' | 'version.miniprogram' | 'realname' | 'icp.platform' | 'icp.authority';
export type DurationUnit = 'working' | 'natural';
export type DurationSource = 'rules' | 'measured';

export interface ReviewDef {
  key: ReviewKey;
  /** The setting that holds the rules' default (the upper bound of the review's duration). */
  setting: ReviewSettingKey;
  unit: DurationUnit;
}

export type ReviewSettingKey =
  | 'duration.name.protected'
  | 'duration.verify'
  | 'duration.qualification'
  | 'duration.version.minigame'
  | 'duration.version.miniprogram'
  | 'duration.realname'
  | 'duration.icp.platform'
  | 'duration.icp.authority';

/**
 * In the flow's order. A name review is the protected-word path's (1–3 working days): an
 * ordinary name takes effect at once, with no review to measure, and the occupied-name path is
 * a complaint plus a protection period, which one measured time cannot stand for.
 */
export const REVIEWS: readonly ReviewDef[] = [
  { key: 'name', setting: 'duration.name.protected', unit: 'working' },
  { key: 'verify', setting: 'duration.verify', unit: 'working' },
  { key: 'qualification', setting: 'duration.qualification', unit: 'natural' },
  { key: 'version.minigame', setting: 'duration.version.minigame', unit: 'natural' },
  { key: 'version.miniprogram', setting: 'duration.version.miniprogram', unit: 'working' },
  { key: 'realname', setting: 'duration.realname', unit: 'working' },
  { key: 'icp.platform', setting: 'duration.icp.platform', unit: 'working' },
  { key: 'icp.authority', setting: 'duration.icp.authority', unit: 'working' },
];

/** Fewer measured reviews than this and the rules' default stays: a p90 of a handful says little. */
export const MIN_MEASURED_REVIEWS = 10;

/** What the rules need of a measurement: how many reviews, and their 90th percentile in the review's unit. */
export interface ReviewMeasure {
  count: number;
  p90: number;
}

export type MeasuredReviews = Partial<Record<ReviewKey, ReviewMeasure>>;

/** Durations that replace the rules' defaults, by setting key; null when none do (the usual case). */
export type DurationOverrides = Partial<Record<ReviewSettingKey, number>>;

/**
 * Which durations a check uses: with `durations.source` = measured, the measured p90 of every
 * review with at least MIN_MEASURED_REVIEWS measurements; the rules' defaults elsewhere.
 */
export function durationOverrides(settings: Settings, measured: MeasuredReviews | null | undefined): DurationOverrides | null {
  if (settings['durations.source'] !== 'measured' || !measured) return null;
  const out: DurationOverrides = {};
  let any = false;
  for (const def of REVIEWS) {
    const m = measured[def.key];
    if (m === undefined || m.count < MIN_MEASURED_REVIEWS) continue;
    out[def.setting] = m.p90;
    any = true;
  }
  return any ? out : null;
}

/** Does this review use its measured time in a check with these overrides? */
export function usesMeasured(overrides: DurationOverrides | null, def: ReviewDef): boolean {
  return overrides !== null && overrides[def.setting] !== undefined;
}
