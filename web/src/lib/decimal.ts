/**
 * Exact decimal strings as the API gives them (`"970000000.00"`), grouped for reading; sums
 * are the API's (exact, in SQL), never a float's.
 */

/** A decimal string with thousands separators, digits unchanged: `"970000000.00"` → `"970,000,000.00"`. */
export function groupDigits(amount: string): string {
  const [whole = '', fraction] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** For drawing only (a bar's length): the nearest float. Labels and exports use the string. */
export function toChartNumber(amount: string): number {
  return Number(amount);
}
