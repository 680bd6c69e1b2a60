import type { ProblemCodeInfo } from './types.js';

/** Problem codes for workbooks and encodings of reports (X). Stream C of issue 13. */
export const INTAKE_CODES: readonly ProblemCodeInfo[] = [
  {
    code: 'SHOUTU-X001',
    name: 'csv-read-as-gbk',
    severity: 'warning',
    title: 'A report CSV file is not UTF-8: it was read as GBK (GB18030)',
    explanation:
      'Excel and WPS on Chinese Windows save "CSV (逗号分隔)" in GBK, not UTF-8. A report file ' +
      'that is not valid UTF-8 but is valid GB18030 (which includes GBK) is read as GB18030, and ' +
      'this warning says so: the rows are used as usual. To be sure the text is read as meant, ' +
      'save the file as **"CSV UTF-8 (逗号分隔)"** (Excel: File › Save As › "CSV UTF-8 (逗号分隔) ' +
      '(*.csv)"; WPS: 文件 › 另存为 › "CSV UTF-8"), or send the `.xlsx` workbook itself. A file ' +
      'that is neither UTF-8 nor GB18030 is set aside.',
  },
  {
    code: 'SHOUTU-X002',
    name: 'workbook-unreadable',
    severity: 'set-aside',
    title: 'A report workbook (.xlsx) cannot be read',
    explanation:
      'A `.xlsx` report is a zip of XML files as Excel, WPS and LibreOffice save it. A file that ' +
      'is not one (an old `.xls` renamed, a password-protected workbook, a damaged download), or ' +
      'whose first sheet is empty, is set aside whole. Open it in Excel, WPS or LibreOffice and ' +
      'save it again as "Excel 工作簿 (*.xlsx)", with the report on the first sheet.',
  },
  {
    code: 'SHOUTU-X003',
    name: 'workbook-too-large',
    severity: 'set-aside',
    title: 'A report workbook unpacks to more than Shoutu reads',
    explanation:
      'A `.xlsx` file is compressed: a small file can unpack to gigabytes (a "zip bomb"). A ' +
      'workbook that unpacks past the limit, whose first sheet has more rows or columns than a ' +
      'report may have (see the "Limits" table of the README), or that takes too long to read, is ' +
      'set aside whole and nothing of it is used. Split the report, or send it as CSV.',
  },
  {
    code: 'SHOUTU-X004',
    name: 'formula-without-value',
    severity: 'set-aside',
    title:
      'A cell of a report workbook holds a formula without a computed value, or an error value',
    explanation:
      'Shoutu reads the value a formula had when the workbook was last saved; it never computes ' +
      'formulas. A formula saved without its value (some tools write workbooks that way) or a ' +
      'cell showing an error (`#DIV/0!`, `#N/A`, `#REF!` …) cannot be read, and its row is set ' +
      'aside. Open the workbook in Excel, WPS or LibreOffice, fix the cell, and save it again; ' +
      'or type the value instead of a formula.',
  },
];
