export { factRows, factsMarkdown } from './commands/facts.js';
export { projectSchemas } from './commands/schemas.js';
// Report intake (issue 13): templates and workbooks.
export { writeTemplates } from './intake/command.js';
export {
  fixZipTimes,
  TEMPLATE_ROWS,
  type TemplateOptions,
  templateColumns,
  templateCsv,
  templateXlsx,
} from './intake/template.js';
export { cellRef, cellText, readXlsxReport } from './intake/xlsx.js';
export {
  loadForms,
  loadProjectFile,
  loadRegistry,
  loadReports,
  openReports,
} from './load.js';
export { main } from './main.js';
export type { Output } from './output.js';
export { loadProject } from './project.js';
export { listReports, readReport } from './report-cache.js';
export { DEFAULT_SAMPLE, generateSample, type SampleOptions } from './sample/generate.js';
