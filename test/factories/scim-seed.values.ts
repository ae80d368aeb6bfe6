/**
 * Word lists for the seeded SCIM data: mixed case, non-ASCII (NFC), and the characters that
 * break naive SQL (LIKE metacharacters % _ \, quotes).
 */
export const GIVEN = ['Ann', 'bob', 'Émile', 'Zoë', 'LI', 'María', "O'Neil", 'Jean-Luc', 'Ørjan', 'Søren', 'Ада', '太郎', 'Max_1', 'Per%cy'];
export const FAMILY = ['Smith', 'jensen', 'Müller', 'NGUYEN', 'de la Cruz', 'Øster', "D'Angelo", 'back\\slash', 'Quote"s', 'Lee'];
export const DOMAINS = ['example.com', 'Example.COM', 'contoso.onmicrosoft.com', 'x_y.org', 'per%cent.net'];
export const EMAIL_TYPES = ['work', 'home', 'other', 'Work', 'WORK'];
export const PHONE_TYPES = ['work', 'mobile', 'home', 'Mobile'];
export const TITLES = ['Engineer', 'engineer', 'Senior Engineer', 'VP, Sales', 'CEO', '100% Manager', 'Intern_2024', 'Tech\\Lead', 'Ingénieur'];
export const USER_TYPES = ['Employee', 'Contractor', 'intern', 'Temp', 'EMPLOYEE'];
export const LANGUAGES = ['en-US', 'en', 'fr-FR', 'de'];
export const TIMEZONES = ['America/Los_Angeles', 'Europe/Paris', 'Asia/Tokyo'];
export const DEPARTMENTS = ['Sales', 'sales', 'R&D', 'Research_Dev', 'HR', 'Finance 100%', 'Engineering', 'engineering'];
export const DIVISIONS = ['North', 'south', 'EMEA', 'Apac'];
export const COST_CENTERS = ['CC-100', 'cc-100', 'CC_200', '4130'];
export const ORGS = ['Contoso', 'contoso', 'Fabrikam', 'Northwind Traders'];
export const ROLES = ['Admin', 'admin', 'Reader', 'Writer', 'Owner', 'Billing_Admin'];
export const IM_TYPES = ['skype', 'xmpp', 'Skype'];
export const COUNTRIES = ['US', 'us', 'DE', 'FR', 'JP'];
export const LOCALITIES = ['Redmond', 'redmond', 'Paris', 'Berlin', 'Zürich', 'São Paulo'];
export const TAGS = ['alpha', 'Beta', 'GAMMA', 'delta_1', '50%', 'back\\', 'q"uote'];
export const BADGES = ['B-100', 'b-100', 'B-200', 'X'];
export const GROUP_NAMES = ['Engineering', 'Sales', 'All Staff', 'Admins_%', 'Finance\\EMEA', 'Ops "Core"', 'Équipe', 'readers',
  'Writers', 'Owners', 'Contractors', 'Interns', 'VPN Users', 'App-Role-1', 'app-role-2', 'Beta Testers', 'On Call', 'Leads',
  'Security', 'Legal', 'Support L1', 'Support L2', 'Marketing', 'Design', 'QA', 'Data', 'ML', 'Infra', 'Payroll', 'Facilities'];
/** Stored hiredAt forms: RFC 3339 with offsets, fractions, no offset (UTC), and one non-date. */
export const DATE_FORMS = [
  (iso: string) => iso,
  (iso: string) => iso.replace('.000Z', 'Z'),
  (iso: string) => iso.replace(/\.\d{3}Z$/, '+02:00'),
  (iso: string) => iso.replace(/Z$/, ''),
  (iso: string) => iso.replace(/\.(\d{3})Z$/, '.$1123-05:30'),
  (iso: string) => iso.toLowerCase(),
  () => 'not-a-date',
];
