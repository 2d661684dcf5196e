// SQL macros a `NAME.sql` mapping can call, for what CRM report exports write in the exporting user's
// format: dates in their locale, amounts with currency, booleans as 1/TRUE/yes. Each returns the value
// as written when it cannot read it, so validation refuses the row (or sets it aside) naming its line,
// column and value instead of the value quietly becoming empty. Defined in the sandbox before it is locked.

const SLASH_FORMATS = (day: string, month: string): string =>
  `['${day}/${month}/%Y', '${day}/${month}/%Y %I:%M %p', '${day}/${month}/%Y %H:%M', '${day}/${month}/%Y %I:%M:%S %p', '${day}/${month}/%Y %H:%M:%S']`;

// A currency code or symbol before or after, thousands separated by commas, a decimal point.
const AMOUNT = String.raw`(?:[A-Z]{3} ?|[$€£¥] ?)?-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?: ?[A-Z]{3})?`;

export const MAPPING_MACROS: string[] = [
  // Whether a file's slash dates are day first (en_GB, most of the world) or month first (en_US):
  // day first if some first part is above 12, month first if some second part is. A file where
  // neither happens cannot be told apart, and the mapping stops with `what` rather than guess.
  `CREATE MACRO day_first(dates, what) AS CASE
     WHEN list_max(list_transform(dates, d -> try_cast(split_part(trim(d), '/', 1) AS INTEGER))) > 12 THEN true
     WHEN list_max(list_transform(dates, d -> try_cast(split_part(trim(d), '/', 2) AS INTEGER))) > 12 THEN false
     WHEN len(list_filter(dates, d -> d LIKE '%/%')) = 0 THEN false
     ELSE error(what || ': cannot tell whether dates are month/day or day/month (no part of any date is above 12); '
                || 'write true (day first) or false (month first) in place of day_first(…) in the mapping') END`,
  // A report date-time (or date; 12-hour with AM/PM, or 24-hour) as a TIMESTAMP in the order day_first
  // gave, NULL if it does not read: what a history mapping orders its changes by.
  `CREATE MACRO report_time(x, is_day_first) AS CASE WHEN is_day_first
     THEN try_strptime(trim(x), ${SLASH_FORMATS('%d', '%m')}) ELSE try_strptime(trim(x), ${SLASH_FORMATS('%m', '%d')}) END`,
  // The same as YYYY-MM-DD, or the value as written.
  'CREATE MACRO report_date(x, is_day_first) AS coalesce(strftime(report_time(x, is_day_first), \'%Y-%m-%d\'), x)',
  // An amount without its currency and thousands separators (USD 48,000.00, $48,000.00, 48000 EUR).
  `CREATE MACRO report_amount(x) AS CASE WHEN regexp_full_match(trim(x), '${AMOUNT}')
     THEN regexp_replace(trim(x), '[^0-9.\\-]', '', 'g') ELSE x END`,
  // A report boolean: 1/true/yes or 0/false/no in any case; anything else is NULL.
  `CREATE MACRO report_bool(x) AS CASE WHEN lower(trim(x)) IN ('1', 'true', 'yes') THEN true
     WHEN lower(trim(x)) IN ('0', 'false', 'no') THEN false END`,
];
