/**
 * One admin route in the audit table. `route` is the OpenAPI operation (`POST /admin/...`);
 * `prepare` sets up its own data and returns the request to send as an admin. A route that
 * changes or reveals something writes exactly one audit row (`audits: 1`, with its `action`);
 * a list or aggregate writes none and says why.
 */
export type AdminRouteCase = {
  route: string;
  prepare: () => Promise<{ path: string; json?: unknown }>;
  status?: number;
} & ({ audits: 1; action: string } | { audits: 0; why: string });
