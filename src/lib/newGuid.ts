export function newGuid(): string {
  return crypto.randomUUID();
}
