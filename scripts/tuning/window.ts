/**
 * `--window`: the report's time window and the fixed ListAggregatedUtterances window that covers it
 * (no AWS SDK here, so that log-only runs never load it).
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UtteranceAggregationDuration.html
 * @module
 */

/** A report window: its length and the ListAggregatedUtterances window that covers it. */
export interface TuneWindow {
  /** As given: `1d`, `2w`, `12h`. */
  label: string;
  /** Length in hours. */
  hours: number;
  /** The fixed ListAggregatedUtterances window used for it (the smallest that covers it, at most 2 weeks). */
  aggregation: { timeDimension: 'Hours' | 'Days' | 'Weeks'; timeValue: number; hours: number };
}

/** The windows ListAggregatedUtterances accepts (1, 3, 6, 12, 24 hours; 3 days; 1 or 2 weeks). */
export const AGGREGATION_WINDOWS: readonly TuneWindow['aggregation'][] = [
  { timeDimension: 'Hours', timeValue: 1, hours: 1 },
  { timeDimension: 'Hours', timeValue: 3, hours: 3 },
  { timeDimension: 'Hours', timeValue: 6, hours: 6 },
  { timeDimension: 'Hours', timeValue: 12, hours: 12 },
  { timeDimension: 'Hours', timeValue: 24, hours: 24 },
  { timeDimension: 'Days', timeValue: 3, hours: 72 },
  { timeDimension: 'Weeks', timeValue: 1, hours: 168 },
  { timeDimension: 'Weeks', timeValue: 2, hours: 336 },
];

/**
 * Parses `--window`: a number and a unit, `h` (hours), `d` (days) or `w` (weeks): `1d`, `3d`,
 * `1w`, `2w`, `6h`, `30d`.
 * @throws Error on any other text.
 */
export function parseWindow(text: string): TuneWindow {
  const m = /^\s*(\d+)\s*([hdw])\s*$/i.exec(text);
  if (!m || Number(m[1]) <= 0) throw new Error(`--window "${text}" is not a duration: use a number and h, d or w (1d, 3d, 1w, 2w, 12h).`);
  const hours = Number(m[1]) * ({ h: 1, d: 24, w: 168 } as const)[m[2]!.toLowerCase() as 'h' | 'd' | 'w'];
  const aggregation = AGGREGATION_WINDOWS.find((w) => w.hours >= hours) ?? AGGREGATION_WINDOWS[AGGREGATION_WINDOWS.length - 1]!;
  return { label: text.trim(), hours, aggregation };
}

