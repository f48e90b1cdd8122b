import { Navigate, Route, Routes } from 'react-router';
import { homeFor, useAuth } from './auth.js';
import { Layout, RequirePermission } from './components/Layout.js';
import { Loading } from './components/ui.js';
import { AuditPage } from './pages/admin/Audit.js';
import { FeedsPage } from './pages/admin/Feeds.js';
import { TokensPage } from './pages/admin/Tokens.js';
import { UsersPage } from './pages/admin/Users.js';
import { ChangePasswordPage } from './pages/ChangePassword.js';
import { ComingSoonPage, NotFoundPage } from './pages/ComingSoon.js';
import { ComponentsPage } from './pages/Components.js';
import { DashboardPage } from './pages/Dashboard.js';
import { DeviceDetailPage } from './pages/DeviceDetail.js';
import { DevicesPage } from './pages/Devices.js';
import { ExposurePage } from './pages/Exposure.js';
import { FindingDetailPage } from './pages/FindingDetail.js';
import { FindingsPage } from './pages/Findings.js';
import { HygienePage } from './pages/Hygiene.js';
import { ImportsPage } from './pages/Imports.js';
import { LoginPage } from './pages/Login.js';
import { ProductPage, ProductsPage } from './pages/Products.js';
import { ProductVersionPage } from './pages/ProductVersion.js';
import { SupplierPage, SuppliersPage } from './pages/Suppliers.js';
import { VulnerabilityPage } from './pages/Vulnerability.js';

function Home() {
  const { user } = useAuth();
  if (!user) return <Loading />;
  return <Navigate to={homeFor(user)} replace />;
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<Layout />}>
        <Route index element={<Home />} />
        <Route path="change-password" element={<ChangePasswordPage />} />
        <Route
          path="dashboard"
          element={
            <RequirePermission permission="inventory:read">
              <DashboardPage />
            </RequirePermission>
          }
        />
        <Route
          path="devices"
          element={
            <RequirePermission permission="inventory:read">
              <DevicesPage />
            </RequirePermission>
          }
        />
        <Route
          path="devices/:id"
          element={
            <RequirePermission permission="inventory:read">
              <DeviceDetailPage />
            </RequirePermission>
          }
        />
        <Route
          path="products"
          element={
            <RequirePermission permission="catalogue:read">
              <ProductsPage />
            </RequirePermission>
          }
        />
        <Route
          path="products/:id"
          element={
            <RequirePermission permission="catalogue:read">
              <ProductPage />
            </RequirePermission>
          }
        />
        <Route
          path="product-versions/:id"
          element={
            <RequirePermission permission="catalogue:read">
              <ProductVersionPage />
            </RequirePermission>
          }
        />
        <Route
          path="suppliers"
          element={
            <RequirePermission permission="catalogue:read">
              <SuppliersPage />
            </RequirePermission>
          }
        />
        <Route
          path="suppliers/:id"
          element={
            <RequirePermission permission="catalogue:read">
              <SupplierPage />
            </RequirePermission>
          }
        />
        <Route
          path="components"
          element={
            <RequirePermission permission="inventory:read">
              <ComponentsPage />
            </RequirePermission>
          }
        />
        <Route
          path="imports"
          element={
            <RequirePermission permission={['sboms:write', 'inventory:write']}>
              <ImportsPage />
            </RequirePermission>
          }
        />
        <Route
          path="vulnerabilities"
          element={
            <RequirePermission permission="inventory:read">
              <FindingsPage />
            </RequirePermission>
          }
        />
        <Route
          path="vulnerabilities/:id"
          element={
            <RequirePermission permission="inventory:read">
              <VulnerabilityPage />
            </RequirePermission>
          }
        />
        <Route
          path="findings/:id"
          element={
            <RequirePermission permission="inventory:read">
              <FindingDetailPage />
            </RequirePermission>
          }
        />
        <Route
          path="hygiene"
          element={
            <RequirePermission permission="inventory:read">
              <HygienePage />
            </RequirePermission>
          }
        />
        <Route
          path="exposure"
          element={
            <RequirePermission permission="inventory:read">
              <ExposurePage />
            </RequirePermission>
          }
        />
        <Route path="soon/vulnerabilities" element={<Navigate to="/vulnerabilities" replace />} />
        <Route path="soon/exposure" element={<Navigate to="/exposure" replace />} />
        <Route path="soon/:place" element={<ComingSoonPage />} />
        <Route
          path="admin/users"
          element={
            <RequirePermission permission="users:manage">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin/tokens"
          element={
            <RequirePermission permission="tokens:create">
              <TokensPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin/audit"
          element={
            <RequirePermission permission="audit:read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin/feeds"
          element={
            <RequirePermission permission="users:manage">
              <FeedsPage />
            </RequirePermission>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
