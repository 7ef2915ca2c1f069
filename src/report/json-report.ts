import type { Report } from '../contract/report.js';

/** `report.json`: the versioned, machine-readable report. */
export const writeJsonReport = (report: Report): string => `${JSON.stringify(report, null, 2)}\n`;
