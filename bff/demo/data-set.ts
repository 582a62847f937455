/**
 * The seeded demo data set: one org for every state the danger zone can be in, and users that
 * cover every role. docs/demo.md lists these logins; every user has the same password.
 */
export const DEMO_PASSWORD = 'danger-zone-demo';

export interface DemoUser {
  key: string;
  name: string;
  email: string;
  platformAdmin?: boolean;
}

export interface DemoOrg {
  key: string;
  name: string;
  slug: string;
  /** What QA uses this org for. */
  purpose: string;
  status?: 'active' | 'read_only' | 'pending_deletion';
  members: { user: string; role: 'owner' | 'admin' | 'member' }[];
  activeResources?: number;
  decommissionedResources?: number;
  subscription?: { status: 'active' | 'canceled'; renewsInDays: number };
  credits?: number;
  invitations?: string[];
  /** For a pending org: who scheduled it and how many days ago. */
  pending?: { by: string; daysAgo: number };
}

export const demoUsers: DemoUser[] = [
  { key: 'olivia', name: 'Olivia Owner', email: 'olivia@example.com' },
  { key: 'adam', name: 'Adam Admin', email: 'adam@example.com' },
  { key: 'mia', name: 'Mia Member', email: 'mia@example.com' },
  { key: 'sam', name: 'Sam Solo', email: 'sam@example.com' },
  { key: 'grace', name: 'Grace Co-owner', email: 'grace@example.com' },
  { key: 'otto', name: 'Otto Co-owner', email: 'otto@example.com' },
  { key: 'rosa', name: 'Rosa Resources', email: 'rosa@example.com' },
  { key: 'reed', name: 'Reed Readonly', email: 'reed@example.com' },
  { key: 'bill', name: 'Bill Billing', email: 'bill@example.com' },
  { key: 'hank', name: 'Hank Hooli', email: 'hank@example.com' },
  { key: 'nina', name: 'Nina Newcomer', email: 'nina@example.com' },
  { key: 'penny', name: 'Penny Pending', email: 'penny@example.com' },
  { key: 'lena', name: 'Lena Locked-out', email: 'lena@example.com' },
  { key: 'root', name: 'Pat Platform-admin', email: 'root@example.com', platformAdmin: true },
];

export const demoOrgs: DemoOrg[] = [
  {
    key: 'acme',
    name: 'Acme Robotics',
    slug: 'acme-robotics',
    purpose: 'The only owner with members: Leave is refused (sole_owner); hand-off to a successor.',
    members: [
      { user: 'olivia', role: 'owner' },
      { user: 'adam', role: 'admin' },
      { user: 'mia', role: 'member' },
    ],
    invitations: ['new.hire@example.com'],
  },
  {
    key: 'solo',
    name: 'Solo Studio',
    slug: 'solo-studio',
    purpose: 'The only owner, alone: Leave is refused (sole_member); Delete has no warnings.',
    members: [{ user: 'sam', role: 'owner' }],
  },
  {
    key: 'globex',
    name: 'Globex Partners',
    slug: 'globex-partners',
    purpose: 'Several owners, admins and members: owners may leave; admins may export but not delete.',
    members: [
      { user: 'grace', role: 'owner' },
      { user: 'otto', role: 'owner' },
      { user: 'adam', role: 'admin' },
      { user: 'mia', role: 'member' },
      { user: 'olivia', role: 'member' },
    ],
    decommissionedResources: 2,
  },
  {
    key: 'initech',
    name: 'Initech Labs',
    slug: 'initech-labs',
    purpose: 'Active resources block deletion (has_active_resources) until decommissioned.',
    members: [
      { user: 'rosa', role: 'owner' },
      { user: 'mia', role: 'member' },
    ],
    activeResources: 3,
    decommissionedResources: 1,
  },
  {
    key: 'umbrella',
    name: 'Umbrella Archive',
    slug: 'umbrella-archive',
    purpose: 'Read-only: deletion is blocked until it is reactivated.',
    status: 'read_only',
    members: [
      { user: 'reed', role: 'owner' },
      { user: 'adam', role: 'member' },
    ],
  },
  {
    key: 'stark',
    name: 'Stark Billing Co.',
    slug: 'stark-billing',
    purpose: 'An active subscription and remaining credits: both must be acknowledged.',
    members: [
      { user: 'bill', role: 'owner' },
      { user: 'mia', role: 'admin' },
    ],
    subscription: { status: 'active', renewsInDays: 20 },
    credits: 1250,
  },
  {
    key: 'hooli',
    name: 'Hooli XYZ',
    slug: 'hooli-xyz',
    purpose: 'Delete end to end: Nina belongs only here, so her sign-in is refused while pending.',
    members: [
      { user: 'hank', role: 'owner' },
      { user: 'nina', role: 'member' },
      { user: 'mia', role: 'member' },
    ],
    activeResources: 0,
    decommissionedResources: 4,
  },
  {
    key: 'wayne',
    name: 'Wayne Holdings',
    slug: 'wayne-holdings',
    purpose: 'Already pending deletion: the owner sees Cancel; Lena (member) is locked out.',
    status: 'pending_deletion',
    members: [
      { user: 'penny', role: 'owner' },
      { user: 'lena', role: 'member' },
    ],
    pending: { by: 'penny', daysAgo: 2 },
  },
];
