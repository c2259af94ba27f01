// The one way the renderer links out of the app: an item's Jira or GitHub page. The address is imported data,
// so it becomes a link only when it is a safe https address (the check the core and the Electron shell use);
// anything else is shown as the plain text it labels. The link opens a new tab (`vsm serve`); in Electron,
// main's setWindowOpenHandler denies the window and hands the address to the gated openExternal instead.
import type { ReactNode } from 'react';
import { safeHttpsUrl } from '../../../shared/domain/web-links.ts';

export function ExternalLink({ href, children, label }: { href: string | null | undefined; children: ReactNode; label?: string }) {
  const safe = safeHttpsUrl(href);
  if (safe === null) return <span className="external-link external-link--none">{children}</span>;
  // The tooltip names the host the link goes to, so a person can see where it leads before clicking.
  const host = new URL(safe).host;
  return (
    <a
      className="external-link"
      href={safe}
      target="_blank"
      rel="noopener noreferrer"
      title={`${label ?? 'Open'} on ${host} (new window)`}
      data-testid="external-link"
    >
      {children}
    </a>
  );
}

/** An item's key, linked to its page when it has one. */
export function ItemKeyLink({ item }: { item: { key: string; url: string | null } }) {
  return (
    <ExternalLink href={item.url} label={`Open ${item.key}`}>
      {item.key}
    </ExternalLink>
  );
}
