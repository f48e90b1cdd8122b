/**
 * The signed-in frame: the left navigation (only what the user's permissions allow, and the places later
 * work will fill, greyed), the signed-in user, and the page. Anonymous visitors go to the login page,
 * remembering where they were going; a user who must change their password goes there first.
 */
import type { ReactNode } from 'react';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import type { Permission } from '../api/types.js';
import { useAuth } from '../auth.js';
import { humanize } from '../format.js';
import { Icon } from './Icon.js';
import { Badge, Loading } from './ui.js';

interface NavItem {
  to: string;
  label: string;
  icon: string;
  allowed: (can: (p: Permission) => boolean) => boolean;
  soon?: boolean;
}

const SECTIONS: { title?: string; items: NavItem[] }[] = [
  {
    items: [
      { to: '/dashboard', label: 'Dashboard', icon: 'dashboard', allowed: (can) => can('inventory:read') },
      { to: '/devices', label: 'Devices', icon: 'devices', allowed: (can) => can('inventory:read') },
      {
        to: '/products',
        label: 'Products & SBOMs',
        icon: 'products',
        allowed: (can) => can('catalogue:read'),
      },
      { to: '/suppliers', label: 'Suppliers', icon: 'suppliers', allowed: (can) => can('catalogue:read') },
      { to: '/components', label: 'Components', icon: 'components', allowed: (can) => can('inventory:read') },
      {
        to: '/imports',
        label: 'Imports',
        icon: 'imports',
        allowed: (can) => can('sboms:write') || can('inventory:write'),
      },
    ],
  },
  {
    title: 'Risk',
    items: [
      {
        to: '/vulnerabilities',
        label: 'Vulnerabilities',
        icon: 'vulnerabilities',
        allowed: (can) => can('inventory:read'),
      },
      { to: '/hygiene', label: 'Hygiene', icon: 'hygiene', allowed: (can) => can('inventory:read') },
      { to: '/exposure', label: 'Exposure', icon: 'exposure', allowed: (can) => can('inventory:read') },
      {
        to: '/soon/programs',
        label: 'Programs',
        icon: 'programs',
        soon: true,
        allowed: (can) => can('inventory:read'),
      },
      {
        to: '/soon/reports',
        label: 'Reports',
        icon: 'reports',
        soon: true,
        allowed: (can) => can('inventory:read'),
      },
    ],
  },
  {
    title: 'Administration',
    items: [
      { to: '/admin/users', label: 'Users', icon: 'users', allowed: (can) => can('users:manage') },
      { to: '/admin/tokens', label: 'API tokens', icon: 'tokens', allowed: (can) => can('tokens:create') },
      { to: '/admin/audit', label: 'Audit log', icon: 'audit', allowed: (can) => can('audit:read') },
      {
        to: '/admin/feeds',
        label: 'Vulnerability feeds',
        icon: 'feeds',
        allowed: (can) => can('users:manage'),
      },
    ],
  },
];

export function Layout() {
  const { status, user, can, signOut } = useAuth();
  const location = useLocation();

  if (status === 'loading') return <Loading label="Opening Vigil…" />;
  if (status === 'unreachable') {
    return (
      <div className="state state-error centered" role="alert">
        <strong>Vigil’s server could not be reached.</strong>
        <div>Check the connection and reload the page.</div>
      </div>
    );
  }
  if (!user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (user.mustChangePassword) {
    // Nothing else until the temporary password is replaced: the form alone, without the navigation.
    if (location.pathname === '/change-password') return <Outlet />;
    return <Navigate to="/change-password" replace />;
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            V
          </span>
          <span className="brand-name">Vigil</span>
        </div>
        <nav aria-label="Main">
          {SECTIONS.map((section) => {
            const items = section.items.filter((item) => item.allowed(can));
            if (items.length === 0) return null;
            return (
              <div className="nav-section" key={section.title ?? 'main'}>
                {section.title && <div className="nav-title">{section.title}</div>}
                <ul>
                  {items.map((item) => (
                    <li key={item.to}>
                      <NavLink
                        to={item.to}
                        className={({ isActive }) =>
                          `nav-link${isActive ? ' active' : ''}${item.soon ? ' nav-soon' : ''}`
                        }
                      >
                        <Icon name={item.icon} />
                        <span>{item.label}</span>
                        {item.soon && <span className="soon-tag">Soon</span>}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
        <div className="account">
          <div className="account-name" data-testid="signed-in-user">
            {user.displayName || user.username}
          </div>
          <div className="account-role">
            <Badge tone="info">{humanize(user.role)}</Badge>
            {user.supplierName && <span className="muted"> {user.supplierName}</span>}
          </div>
          <div className="account-actions">
            <NavLink to="/change-password" className="nav-link small">
              <Icon name="key" />
              <span>Change password</span>
            </NavLink>
            <button type="button" className="nav-link small as-link" onClick={() => void signOut()}>
              <Icon name="logout" />
              <span>Sign out</span>
            </button>
          </div>
        </div>
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

/** Shows the page only to users with the permission; others get a clear refusal (the server refuses too). */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission | Permission[];
  children: ReactNode;
}) {
  const { can } = useAuth();
  const needed = Array.isArray(permission) ? permission : [permission];
  if (!needed.some((p) => can(p))) return <NotAllowed />;
  return <>{children}</>;
}

export function NotAllowed() {
  return (
    <div className="state state-error" role="alert">
      <strong>Not allowed</strong>
      <div>Your role does not give access to this page. Ask an administrator if you need it.</div>
    </div>
  );
}
