/**
 * Saves rows as a CSV file: UTF-8 with a byte-order mark (so spreadsheet programs read
 * Chinese names right), written by papaparse, which is loaded only when a person exports.
 * Amounts go in as the API's exact decimal strings.
 */
export async function downloadCsv(filename: string, header: string[], rows: (string | number | null)[][]) {
  const { default: Papa } = await import('papaparse');
  const text = Papa.unparse({ fields: header, data: rows.map((row) => row.map((cell) => cell ?? '')) });
  const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; free it on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
