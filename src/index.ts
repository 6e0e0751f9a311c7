// The one public entry: notebooks, the CLI and tests import from here, so the inside can move.
export * from "./types";
// publish: executed notebooks to an offline static site (npm run publish)
export { publishSite, listNotebooks, type PublishResult, type PublishedPage } from "./publish/publishSite";
export { resolvePublishOptions, publishDefaults, type PublishOptions } from "./publish/publishOptions";
export { NotebookExecutionError } from "./publish/executeNotebook";
export { ensureTslabKernel } from "./publish/ensureTslabKernel";
export { renderNotebookPage, notebookTitle } from "./publish/renderNotebookPage";
export { renderIndexPage } from "./publish/renderIndexPage";
export { renderRecordsPage } from "./publish/renderRecordsPage";
export { renderBundle, renderOutput, plotlyMimeType } from "./publish/renderOutput";
export { renderMarkdown } from "./publish/renderMarkdown";
export { escapeHtml, jsonForScript } from "./publish/escapeHtml";
export { sanitizeHtml } from "./publish/sanitizeHtml";
export { findExecutionError } from "./publish/findExecutionError";
export { parseNotebook, type Notebook } from "./publish/notebook";
