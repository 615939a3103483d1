/** The team's roles, each allowed what the one before it is and more: one list, read by the server, pages and CLI. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'reads every report and the dashboard',
  editor: 'also triages feedback',
  admin: 'also manages people, tokens and settings',
};

/** Whether someone with `role` may do what needs `needed`. */
export const roleAllows = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);
