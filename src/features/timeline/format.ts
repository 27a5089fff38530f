import type { StatusChange } from '../../graph/timeline';

export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toLocaleTimeString([], { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

export function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

export function describeChange(change: StatusChange): string {
  const parts = [change.status];
  if (change.resultInfo) {
    parts.push(`${change.resultInfo.code}/${change.resultInfo.subcode ?? 0}${change.resultInfo.message ? ` ${change.resultInfo.message}` : ''}`);
  }
  if (change.completionReason) parts.push(`completionReason ${change.completionReason}`);
  return parts.join(' · ');
}
