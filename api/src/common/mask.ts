/**
 * Caller numbers are personal data: everywhere outside the admin's view they are
 * shown with all but the last four digits replaced.
 */
export function maskCaller(caller: string | null | undefined): string | null {
  if (caller == null || caller === '') return null;
  const digits = caller.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(Math.max(0, caller.length - 1)) + caller.slice(-1);
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** A caller number as a principal may see it: in full for admins, masked for every other role. */
export function callerFor(role: string, caller: string | null | undefined): string | null {
  if (caller == null || caller === '') return null;
  return role === 'admin' ? caller : maskCaller(caller);
}
