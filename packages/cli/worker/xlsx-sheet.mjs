// The first sheet of a report workbook, read with exceljs in a worker thread (issue 13, stream C).
// exceljs reads only asynchronously, and Shoutu reads report files synchronously: the caller
// (src/intake/xlsx.ts) waits on `flag` with Atomics.wait and takes the answer with
// receiveMessageOnPort. In a thread of its own, with a memory limit, a hostile workbook (a zip
// bomb) costs this thread, never the run. Plain JavaScript: it runs without a TypeScript loader.
import { workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';

const { port, flag } = workerData;
const signal = new Int32Array(flag);

/** @param {Uint8Array} bytes @param {{ unpackedBytes: number, rows: number, columns: number }} limits */
async function readSheet(bytes, limits) {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    return {
      error: 'unreadable',
      message:
        'this is an Excel 97–2003 workbook (.xls) or a workbook protected by a password, not an .xlsx workbook: save it as "Excel 工作簿 (*.xlsx)" without a password',
    };
  // The sizes the zip declares, before anything is unpacked.
  let unpacked = 0;
  let entries = 0;
  try {
    unzipSync(bytes, {
      filter(file) {
        unpacked += file.originalSize;
        entries++;
        return false;
      },
    });
  } catch {
    return {
      error: 'unreadable',
      message:
        'this is not an .xlsx workbook (an .xlsx file is a zip of the workbook\'s parts, this file is not one): save it from Excel, WPS or LibreOffice as "Excel 工作簿 (*.xlsx)"',
    };
  }
  if (unpacked > limits.unpackedBytes || entries > 10_000)
    return {
      error: 'too-large',
      message: `the workbook unpacks to ${unpacked.toLocaleString('en')} bytes in ${entries.toLocaleString('en')} parts: expected at most ${limits.unpackedBytes.toLocaleString('en')} bytes`,
    };
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes);
  } catch (e) {
    return {
      error: 'unreadable',
      message: `the workbook could not be read (${String(e?.message ?? e)
        .split('\n')[0]
        .slice(0, 200)}): open it in Excel, WPS or LibreOffice and save it again as .xlsx`,
    };
  }
  const sheet = book.worksheets[0];
  if (!sheet)
    return {
      error: 'unreadable',
      message: 'the workbook has no sheet: expected the report on the first sheet',
    };
  if (sheet.rowCount > limits.rows + 2)
    return {
      error: 'too-large',
      message: `the first sheet has ${sheet.rowCount.toLocaleString('en')} rows: expected at most ${limits.rows.toLocaleString('en')} rows in one report file`,
    };
  if (sheet.columnCount > limits.columns)
    return {
      error: 'too-large',
      message: `the first sheet has ${sheet.columnCount.toLocaleString('en')} columns: expected at most ${limits.columns.toLocaleString('en')}`,
    };
  /** @type {{ line: number, values: unknown[] }[]} */
  const rows = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      values[column - 1] = cell.value ?? null;
    });
    for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
    rows.push({ line, values });
  });
  return { sheet: sheet.name, rows };
}

port.on('message', async (request) => {
  let answer;
  try {
    answer = await readSheet(request.bytes, request.limits);
  } catch (e) {
    answer = {
      error: 'unreadable',
      message: `the workbook could not be read (${String(e?.message ?? e).slice(0, 200)})`,
    };
  }
  try {
    port.postMessage(answer);
  } catch {
    port.postMessage({
      error: 'unreadable',
      message: 'the workbook holds values that cannot be read',
    });
  }
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
