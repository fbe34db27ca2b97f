/**
 * Roles, scopes and permissions (Open Zaak `scopes.py` style): every permission is a named string
 * with a one-line description and the roles that hold it. Scope narrows a role to a service point,
 * an administrative-unit subtree, an agency or a procedure field.
 */
export const ROLES = ['clerk', 'officer', 'courier', 'manager', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface Scope {
  readonly servicePoint?: string | undefined;
  readonly unit?: string | undefined;
  readonly agency?: string | undefined;
  readonly field?: string | undefined;
}

export interface RoleGrant {
  readonly role: Role;
  readonly scope: Scope;
}

/** The signed-in person, as the services see it. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly fullName: string;
  readonly grants: readonly RoleGrant[];
}

export const PERMISSIONS = {
  public: { description: 'Anyone, signed in or not.', roles: [] },
  'session.self': { description: 'Any signed-in user: see and end their own session.', roles: [...ROLES] },
  'users.manage': { description: 'Create and list staff accounts and their roles.', roles: ['admin'] },
  'org.staff.read': {
    description: 'See who works at a service point (within scope).',
    roles: ['clerk', 'manager', 'admin', 'auditor'],
  },
  'reports.coverage': {
    description: 'Rollout coverage of post-run service points.',
    roles: ['manager', 'admin', 'auditor'],
  },
  'reports.read': {
    description:
      'Monthly TTHC report, province dashboard and QĐ 766 index within scope (manager, auditor: unit subtree), with XLSX/PDF exports.',
    roles: ['manager', 'auditor'],
  },
  'audit.read': { description: 'Read and verify the audit trail.', roles: ['auditor', 'admin'] },
  'catalog.manage': {
    description:
      'Edit the procedure catalog: create and edit drafts, publish and retire versions, see drafts, import and export the catalog file.',
    roles: ['admin'],
  },
  'calendar.manage': {
    description: 'Change the days off and make-up working days of a year (each change is a new revision).',
    roles: ['admin'],
  },
  'dossiers.read': {
    description:
      'See dossiers within scope (clerk: service point; officer: agency; manager, auditor: unit subtree). Reading personal data is audited.',
    roles: ['clerk', 'officer', 'manager', 'auditor'],
  },
  'dossiers.intake': {
    description:
      'At the dossier’s service point: intake, guidance, refusal, receive, forward, supplement at the counter, withdraw, record fees, attach scans.',
    roles: ['clerk'],
  },
  'dossiers.process': {
    description:
      'For the dossier’s competent agency: hand-over, supplement request, supplement, reject, stop, apology, result.',
    roles: ['officer'],
  },
  'dossiers.return': {
    description: 'At the dossier’s service point: hand the result to the applicant, the post or online.',
    roles: ['clerk'],
  },
  'dossiers.act': {
    description:
      'Send lifecycle actions (route-level gate; each action then requires intake, process or return on the dossier).',
    roles: ['clerk', 'officer'],
  },
  'notifications.read': {
    description:
      'See notifications sent to applicants and their delivery status (recipients masked; scoped grants: their service points).',
    roles: ['manager', 'admin', 'auditor'],
  },
  'notifications.retry': {
    description: 'Requeue a notification that failed or gave up (audited).',
    roles: ['manager', 'admin'],
  },
  'postal.read': {
    description:
      'See postal items (pickup, delivery) and hand-over manifests within scope (clerk: service point; courier: area and own items; manager, auditor: unit subtree). Reading addresses is audited.',
    roles: ['clerk', 'courier', 'manager', 'auditor'],
  },
  'postal.act': {
    description:
      'Record postal item events and manifests (route-level gate; each event then requires postal.courier or postal.counter on the item).',
    roles: ['clerk', 'courier'],
  },
  'postal.courier': {
    description:
      'Courier work on items in the courier’s area: pick up, hand over, take over, deliver, failed attempts.',
    roles: ['courier'],
  },
  'postal.counter': {
    description:
      'At the item’s service point: postal requests by phone, assignment, taking dossiers over (receipt), handing results to couriers, cash hand-over.',
    roles: ['clerk'],
  },
  'postal.custody': {
    description: 'The chain-of-custody view with its gaps (one-sided hand-overs, idle items).',
    roles: ['manager', 'auditor'],
  },
  'postal.cash': {
    description: 'Cash reconciliation per courier and day (collected vs handed over).',
    roles: ['clerk', 'manager', 'auditor'],
  },
  'postal.reports': {
    description: 'Postal figures: items per leg, delivery success rate, median times, cash on delivery.',
    roles: ['manager', 'admin', 'auditor'],
  },
  'postal.tariff.manage': { description: 'Set the postage tariff (effective-dated).', roles: ['admin'] },
  'feedback.read': {
    description:
      'See feedback and complaints (PAKN) within scope (clerk: service point; officer: assigned to the agency; manager, auditor: unit subtree). Reading contact details is audited.',
    roles: ['clerk', 'officer', 'manager', 'auditor'],
  },
  'feedback.handle': {
    description:
      'Act on feedback (route-level gate; each action then requires feedback.triage, feedback.answer or feedback.publish on the item).',
    roles: ['clerk', 'officer', 'manager'],
  },
  'feedback.triage': {
    description:
      'Feedback at the service point: reject, ask the submitter for more, assign to the responsible agency.',
    roles: ['clerk', 'manager'],
  },
  'feedback.answer': {
    description: 'Answer feedback assigned to the agency (manager: within the unit subtree).',
    roles: ['officer', 'manager'],
  },
  'feedback.publish': {
    description: 'Publish an answer on the public feedback page.',
    roles: ['manager'],
  },
  'operations.read': {
    description:
      'Post office operations: counter staffing, training records, inspections and clerk figures (scoped grants: their service points).',
    roles: ['manager', 'admin', 'auditor'],
  },
  'operations.manage': {
    description:
      'Record counter staff and assignments, training records, inspections and corrective actions (audited).',
    roles: ['manager', 'admin'],
  },
  'operations.counter': {
    description: 'Record the start and end of an applicant’s time at the counter (own service point).',
    roles: ['clerk'],
  },
  'portal.kiosk': {
    description:
      'Run the satisfaction-rating kiosk (counter tablet) for dossiers returned at the clerk’s service point.',
    roles: ['clerk'],
  },
} as const satisfies Record<string, { description: string; roles: readonly Role[] }>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether any of the actor's roles holds the permission (scope is checked separately, per resource). */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  if (permission === 'public') return true;
  const roles: readonly Role[] = PERMISSIONS[permission].roles;
  return actor.grants.some((g) => roles.includes(g.role));
}

/** What a scope check needs to know about the resource. `unitAncestors` lists the resource's unit and all its parents. */
export interface ResourceLocation {
  readonly servicePoint?: string | undefined;
  readonly unitAncestors?: readonly string[] | undefined;
  readonly agency?: string | undefined;
  readonly field?: string | undefined;
}

/** True when a grant's scope covers the resource. An empty scope covers everything (province-wide). */
export function scopeCovers(scope: Scope, resource: ResourceLocation): boolean {
  if (scope.servicePoint !== undefined && scope.servicePoint !== resource.servicePoint) return false;
  if (scope.unit !== undefined && !(resource.unitAncestors ?? []).includes(scope.unit)) return false;
  if (scope.agency !== undefined && scope.agency !== resource.agency) return false;
  if (scope.field !== undefined && scope.field !== resource.field) return false;
  return true;
}

/** True when the actor holds the permission through a grant whose scope covers the resource. */
export function mayAccess(actor: Actor, permission: Permission, resource: ResourceLocation): boolean {
  if (permission === 'public') return true;
  const roles: readonly Role[] = PERMISSIONS[permission].roles;
  return actor.grants.some((g) => roles.includes(g.role) && scopeCovers(g.scope, resource));
}

/** Which scope keys each role must / may carry. A clerk works at one service point; an officer for one agency. */
export const ROLE_SCOPE_RULES: Record<
  Role,
  { required: readonly (keyof Scope)[]; allowed: readonly (keyof Scope)[] }
> = {
  clerk: { required: ['servicePoint'], allowed: ['servicePoint', 'field'] },
  officer: { required: ['agency'], allowed: ['agency', 'unit', 'field'] },
  courier: { required: ['unit'], allowed: ['unit', 'servicePoint'] },
  manager: { required: [], allowed: ['unit', 'servicePoint', 'agency', 'field'] },
  admin: { required: [], allowed: [] },
  auditor: { required: [], allowed: ['unit'] },
};

export function validateGrant(grant: RoleGrant): string | null {
  const rules = ROLE_SCOPE_RULES[grant.role];
  for (const key of rules.required) if (!grant.scope[key]) return `role ${grant.role} needs scope.${key}`;
  for (const key of Object.keys(grant.scope) as (keyof Scope)[]) {
    if (grant.scope[key] !== undefined && !rules.allowed.includes(key))
      return `role ${grant.role} cannot be scoped by ${key}`;
  }
  return null;
}
