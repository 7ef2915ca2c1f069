import type { Report } from '../contract/report.js';
import { writeHtmlReport } from './html-report.js';
import { writeJsonReport } from './json-report.js';
import { writeJunitReport } from './junit-report.js';
import { writeMarkdownSummary } from './markdown-summary.js';

export type ReportFormat = 'json' | 'junit' | 'html' | 'markdown';

/** Every report format: a pure writer and the file it goes to in the report directory. */
export const REPORT_WRITERS: Readonly<Record<ReportFormat, { file: string; write: (report: Report) => string }>> = {
  json: { file: 'report.json', write: writeJsonReport },
  junit: { file: 'junit.xml', write: writeJunitReport },
  html: { file: 'report.html', write: writeHtmlReport },
  markdown: { file: 'summary.md', write: writeMarkdownSummary },
};
