// Formatting for tokens and money. 1 token is 1 US cent of face value (DESIGN.md §4).

const whole = new Intl.NumberFormat();
const currencies = new Map<string, Intl.NumberFormat>();

/** 1234 → "1,234". */
export function formatTokens(tokens: number): string {
  return whole.format(tokens);
}

/** 1 → "1 token", 1234 → "1,234 tokens". */
export function tokensText(tokens: number): string {
  return `${formatTokens(tokens)} ${Math.abs(tokens) === 1 ? 'token' : 'tokens'}`;
}

/** Cents as money: 12345 → "$123.45" (the narrow symbol, whatever the reader's locale). */
export function formatCents(cents: number, currency = 'usd'): string {
  const code = currency.toUpperCase();
  let format = currencies.get(code);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' });
    } catch {
      format = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    currencies.set(code, format);
  }
  return format.format(cents / 100);
}

/** What tokens are worth at face value, in dollars: 1234 → "$12.34". */
export function faceValue(tokens: number): string {
  return formatCents(tokens, 'usd');
}
