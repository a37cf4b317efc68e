/**
 * Exact decimal strings as the API gives them (`"970000000.00"`): summed in integer
 * hundredths with BigInt and grouped for reading, never through a float.
 */

const PLACES = 2;

function toUnits(amount: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) throw new Error(`not a decimal string: ${amount}`);
  const fraction = (match[3] ?? '').padEnd(PLACES, '0');
  if (fraction.length > PLACES) throw new Error(`more than ${PLACES} decimals: ${amount}`);
  const units = BigInt(match[2] + fraction);
  return match[1] ? -units : units;
}

function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(PLACES + 1, '0');
  const whole = digits.slice(0, -PLACES);
  return `${negative ? '-' : ''}${whole}.${digits.slice(-PLACES)}`;
}

/** The exact sum of amounts with at most two decimals, with two decimals: `"1.10" + "2"` → `"3.10"`. */
export function sumDecimals(amounts: readonly string[]): string {
  return fromUnits(amounts.reduce((sum, amount) => sum + toUnits(amount), 0n));
}

/** A decimal string with thousands separators, digits unchanged: `"970000000.00"` → `"970,000,000.00"`. */
export function groupDigits(amount: string): string {
  const [whole, fraction] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** For drawing only (a bar's length): the nearest float. Labels and exports use the string. */
export function toChartNumber(amount: string): number {
  return Number(amount);
}
