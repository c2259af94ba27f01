// JQL rewriting for live Jira imports: a stable order for paging and the "updated since the last sync"
// clause of an incremental sync. Pure; browser-safe.

/** Where an `ORDER BY` starts outside quoted strings, or -1: the clause we add must go before it. */
function orderByIndex(jql: string): number {
  let quote: string | null = null;
  for (let i = 0; i < jql.length; i++) {
    const c = jql[i]!;
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if ((c === 'o' || c === 'O') && (i === 0 || /[\s)]/.test(jql[i - 1]!)) && /^order\s+by\b/i.test(jql.slice(i, i + 40))) {
      return i;
    }
  }
  return -1;
}

export function splitOrderBy(jql: string): { where: string; orderBy: string | null } {
  const i = orderByIndex(jql);
  return i < 0 ? { where: jql.trim(), orderBy: null } : { where: jql.slice(0, i).trim(), orderBy: jql.slice(i).trim() };
}

/**
 * Offset paging (Server/Data Center) skips or repeats issues when the order shifts between pages; ordering
 * by creation, then key, keeps earlier pages stable while issues change. A query's own ORDER BY is kept.
 */
export function withStableOrder(jql: string): string {
  const { where, orderBy } = splitOrderBy(jql);
  return `${where}${where ? ' ' : ''}${orderBy ?? 'ORDER BY created ASC, key ASC'}`;
}

/** A valid IANA zone name, or null (Intl throws on unknown names). */
function validZone(zone: string | null | undefined): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

/** `yyyy/MM/dd HH:mm` of an instant in a time zone: the JQL date-time literal format. */
export function formatJqlDate(at: number, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}/${parts.month}/${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The widest UTC offset in use (+14:00): the extra look-back when the user's zone is unknown. */
const MAX_ZONE_OFFSET_MS = 14 * 3_600_000;

/**
 * Restricts a query to issues updated at or after `since`. Jira reads JQL date literals in the searching
 * user's profile time zone (not UTC, not the server's), so the literal is written in that zone; when it is
 * unknown, the literal is UTC moved back by the widest offset, which can only fetch more, never miss any.
 * Minutes are truncated, which also only widens the window.
 */
export function withUpdatedSince(jql: string, since: number, userZone: string | null): string {
  const zone = validZone(userZone);
  const literal = zone ? formatJqlDate(since, zone) : formatJqlDate(since - MAX_ZONE_OFFSET_MS, 'UTC');
  const { where, orderBy } = splitOrderBy(jql);
  const clause = `updated >= "${literal}"`;
  return `${where ? `(${where}) AND ${clause}` : clause}${orderBy ? ` ${orderBy}` : ''}`;
}
