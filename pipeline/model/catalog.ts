// The standard signal catalog (DESIGN.md): names the shipped models and the demo data use.
export const SIGNAL_CATALOG: Record<string, { dimension: string; better: 'higher' | 'lower'; meaning: string }> = {
  portal_logins: { dimension: 'engagement', better: 'higher', meaning: 'partner-portal logins' },
  content_downloads: { dimension: 'engagement', better: 'higher', meaning: 'sales / technical content downloaded' },
  event_attendance: { dimension: 'engagement', better: 'higher', meaning: 'webinars, enablement sessions, conferences attended' },
  response_hours: { dimension: 'engagement', better: 'lower', meaning: 'hours to answer our outreach' },
  exec_meetings: { dimension: 'engagement', better: 'higher', meaning: 'executive-level meetings held' },
  certified_staff: { dimension: 'capability', better: 'higher', meaning: 'people with an active certification' },
  training_completions: { dimension: 'capability', better: 'higher', meaning: 'enablement courses completed' },
  technical_fte: { dimension: 'capability', better: 'higher', meaning: 'dedicated architects / developers' },
  practice_lead: { dimension: 'capability', better: 'higher', meaning: 'a named practice lead exists (0/1)' },
  sandbox_activity: { dimension: 'capability', better: 'higher', meaning: 'demo / sandbox environment actions' },
  delivery_csat: { dimension: 'performance', better: 'higher', meaning: 'customer satisfaction of delivered projects (1–5)' },
  revenue: { dimension: 'performance', better: 'higher', meaning: 'partner-attributed revenue booked' },
  customer_expansions: { dimension: 'performance', better: 'higher', meaning: 'expansions at customers they implemented' },
  accounts_covered: { dimension: 'coverage', better: 'higher', meaning: 'named target accounts the partner is engaged on' },
  relationship_sentiment: { dimension: 'sentiment', better: 'higher', meaning: 'manager / QBR rating of the relationship (1–5)' },
  external_news: { dimension: 'external', better: 'higher', meaning: 'external signal, −1 (bad) … +1 (good)' },
};

/** Human wording of a signal for evidence sentences ("4 portal logins …"). */
export const SIGNAL_NOUN: Record<string, string> = {
  portal_logins: 'portal logins', content_downloads: 'content downloads', event_attendance: 'events attended',
  response_hours: 'hours to respond (mean)', exec_meetings: 'executive meetings', certified_staff: 'certified staff',
  training_completions: 'training completions', technical_fte: 'technical FTEs', practice_lead: 'practice lead (1 = named)',
  sandbox_activity: 'sandbox actions', delivery_csat: 'delivery CSAT (mean, 1–5)', revenue: 'revenue change',
  customer_expansions: 'customer expansions', accounts_covered: 'accounts covered', relationship_sentiment: 'relationship rating (1–5)',
  external_news: 'external news score (mean)', deals_registered: 'deals registered', pipeline_amount: 'open pipeline',
  pipeline_trend: 'open pipeline change', win_rate: 'win rate', days_to_close: 'days to close (mean)',
  close_date_pushes: 'close dates pushed out',
};

/** The singular of a counted noun, for a count of exactly 1 ("1 deal registered", not "1 deals registered"). */
export const SIGNAL_NOUN_ONE: Record<string, string> = {
  portal_logins: 'portal login', content_downloads: 'content download', event_attendance: 'event attended',
  exec_meetings: 'executive meeting', training_completions: 'training completion', technical_fte: 'technical FTE',
  sandbox_activity: 'sandbox action', customer_expansions: 'customer expansion', accounts_covered: 'account covered',
  deals_registered: 'deal registered', certified_staff: 'certified staff member',
};

// Lookups by name go through Object.hasOwn: a signal named `constructor` or `toString` must not find
// Object.prototype's members.

/** Whether `signal` is in the standard catalog. */
export function inCatalog(signal: string): boolean {
  return Object.hasOwn(SIGNAL_CATALOG, signal);
}

/** The singular noun of a counted signal, if it has one. */
export function signalNounOne(signal: string): string | undefined {
  return Object.hasOwn(SIGNAL_NOUN_ONE, signal) ? SIGNAL_NOUN_ONE[signal] : undefined;
}

/** The catalog noun of a signal, if it has one. */
export function signalNoun(signal: string): string | undefined {
  return Object.hasOwn(SIGNAL_NOUN, signal) ? SIGNAL_NOUN[signal] : undefined;
}
