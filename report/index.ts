/**
 * The review report: the engine's machine-readable preview (`pulumi preview --json`) or a saved plan
 * (`pulumi preview --save-plan`) as Markdown for a pull request, or as plain text for a terminal. It reads only
 * what the engine wrote: no token, no request.
 */
import { readEngineDocument } from './engine-document';
import { renderMarkdown, type MarkdownOptions } from './render-markdown';
import { renderText } from './render-text';
import { reviewOf } from './resource-properties';
import type { Review } from './review-model';

export type ReportFormat = 'markdown' | 'text';

export function reviewFromEngineOutput(text: string): Review {
  return reviewOf(readEngineDocument(text));
}

export function renderReport(text: string, format: ReportFormat, options: MarkdownOptions = {}): string {
  return renderReview(reviewFromEngineOutput(text), format, options);
}

export function renderReview(review: Review, format: ReportFormat, options: MarkdownOptions = {}): string {
  return format === 'markdown' ? renderMarkdown(review, options) : renderText(review);
}

/** How many planned changes the review could not read (the bin exits non-zero when any). */
export function unreadableCount(review: Review): number {
  return review.resources.reduce((n, r) => n + r.unreadableLines.length, 0);
}

export { readEngineDocument, UnreadableEngineOutputError, UNKNOWN, SECRET, type EngineDocument } from './engine-document';
export { GITHUB_COMMENT_LIMIT, reportMarker, renderMarkdown, type MarkdownOptions } from './render-markdown';
export { renderText } from './render-text';
export { RESOURCE_TYPES, reviewOf } from './resource-properties';
export type { ImageTree, ResourceKind, ResourceReview, Review, VersionChange } from './review-model';
