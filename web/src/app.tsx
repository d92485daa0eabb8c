import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from './components/app-layout';
import { I18nProvider, useI18n } from './i18n/i18n-context';
import { AccountsPage } from './pages/accounts-page';
import { ApiKeysPage } from './pages/api-keys-page';
import { AuditLogPage } from './pages/audit-log-page';
import { InboundPlanPage } from './pages/inbound-plan-page';
import { InboundPlansPage } from './pages/inbound-plans-page';
import { InventoryPage } from './pages/inventory-page';
import { InventorySkuPage } from './pages/inventory-sku-page';
import { LocationsPage } from './pages/locations-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { QuoteNewPage } from './pages/quote-new-page';
import { QuotePage } from './pages/quote-page';
import { QuotesPage } from './pages/quotes-page';
import { RateCardPage } from './pages/rate-card-page';
import { RateCardsPage } from './pages/rate-cards-page';
import { ReturnPage } from './pages/return-page';
import { ReturnsPage } from './pages/returns-page';
import { ReceivingListPage, ReceivingPage } from './pages/receiving-page';
import { SharedQuotePage } from './pages/shared-quote-page';
import { SkuImportPage } from './pages/sku-import-page';
import { SkusPage } from './pages/skus-page';
import { UsersPage } from './pages/users-page';
import { WarehousesPage } from './pages/warehouses-page';
import { WorkOrdersPage } from './pages/work-orders-page';
import { ExitPlanPage } from './pages/exit-plan-page';
import { CycleCountsPage } from './pages/cycle-counts-page';
import { TransfersPage } from './pages/transfers-page';
import { BillsPage } from './pages/bills-page';
import { InvoicePage } from './pages/invoice-page';
import { BillingReportsPage } from './pages/billing-reports-page';
import { ClaimsPage } from './pages/claims-page';
import { DisputePage } from './pages/dispute-page';
import { DisputesPage } from './pages/disputes-page';
import { createQueryClient } from './query-client';
import { RequireAuth } from './session/require-auth';
import { RequirePermission } from './session/require-permission';

const THEME = {
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
};

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/shared/quotes/:token" element={<SharedQuotePage />} />
      <Route element={<RequireAuth />}>
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to="/skus" replace />} />
          <Route
            path="skus"
            element={
              <RequirePermission permission="skus:read">
                <SkusPage />
              </RequirePermission>
            }
          />
          <Route
            path="skus/import"
            element={
              <RequirePermission permission="skus:write">
                <SkuImportPage />
              </RequirePermission>
            }
          />
          <Route
            path="inventory"
            element={
              <RequirePermission permission="inventory:read">
                <InventoryPage />
              </RequirePermission>
            }
          />
          <Route
            path="inventory/skus/:id"
            element={
              <RequirePermission permission="inventory:read">
                <InventorySkuPage />
              </RequirePermission>
            }
          />
          <Route
            path="locations"
            element={
              <RequirePermission permission="warehouse_ops:write" staffOnly>
                <LocationsPage />
              </RequirePermission>
            }
          />
          <Route
            path="transfers"
            element={
              <RequirePermission permission="inventory:read">
                <TransfersPage />
              </RequirePermission>
            }
          />
          <Route
            path="cycle-counts"
            element={
              <RequirePermission permission="warehouse_ops:write" staffOnly>
                <CycleCountsPage />
              </RequirePermission>
            }
          />
          <Route
            path="warehouses"
            element={
              <RequirePermission permission="warehouses:read">
                <WarehousesPage />
              </RequirePermission>
            }
          />
          <Route
            path="quotes"
            element={
              <RequirePermission permission="quotes:read">
                <QuotesPage />
              </RequirePermission>
            }
          />
          <Route
            path="quotes/new"
            element={
              <RequirePermission permission="quotes:write">
                <QuoteNewPage />
              </RequirePermission>
            }
          />
          <Route
            path="quotes/:id"
            element={
              <RequirePermission permission="quotes:read">
                <QuotePage />
              </RequirePermission>
            }
          />
          <Route
            path="rate-cards"
            element={
              <RequirePermission permission="rate_cards:read">
                <RateCardsPage />
              </RequirePermission>
            }
          />
          <Route
            path="rate-cards/:id"
            element={
              <RequirePermission permission="rate_cards:read">
                <RateCardPage />
              </RequirePermission>
            }
          />
          <Route
            path="accounts"
            element={
              <RequirePermission permission="accounts:read" staffOnly>
                <AccountsPage />
              </RequirePermission>
            }
          />
          <Route
            path="users"
            element={
              <RequirePermission permission="users:read">
                <UsersPage />
              </RequirePermission>
            }
          />
          <Route
            path="api-keys"
            element={
              <RequirePermission permission="api_keys:read">
                <ApiKeysPage />
              </RequirePermission>
            }
          />
          <Route
            path="returns"
            element={
              <RequirePermission permission="returns:read">
                <ReturnsPage />
              </RequirePermission>
            }
          />
          <Route
            path="returns/:id"
            element={
              <RequirePermission permission="returns:read">
                <ReturnPage />
              </RequirePermission>
            }
          />
          <Route
            path="work-orders"
            element={
              <RequirePermission permission="work_orders:read">
                <WorkOrdersPage />
              </RequirePermission>
            }
          />
          <Route
            path="exit-plans"
            element={
              <RequirePermission permission="work_orders:read">
                <ExitPlanPage />
              </RequirePermission>
            }
          />
          <Route
            path="inbound"
            element={
              <RequirePermission permission="inbound:read">
                <InboundPlansPage />
              </RequirePermission>
            }
          />
          <Route
            path="inbound/:id"
            element={
              <RequirePermission permission="inbound:read">
                <InboundPlanPage />
              </RequirePermission>
            }
          />
          <Route
            path="receiving"
            element={
              <RequirePermission permission="warehouse_ops:write" staffOnly>
                <ReceivingListPage />
              </RequirePermission>
            }
          />
          <Route
            path="receiving/:id"
            element={
              <RequirePermission permission="warehouse_ops:write" staffOnly>
                <ReceivingPage />
              </RequirePermission>
            }
          />
          <Route
            path="audit-log"
            element={
              <RequirePermission permission="audit:read">
                <AuditLogPage />
              </RequirePermission>
            }
          />
          <Route
            path="bills"
            element={
              <RequirePermission permission="billing:read">
                <BillsPage />
              </RequirePermission>
            }
          />
          <Route
            path="bills/:id"
            element={
              <RequirePermission permission="billing:read">
                <InvoicePage />
              </RequirePermission>
            }
          />
          <Route
            path="disputes"
            element={
              <RequirePermission permission="disputes:read">
                <DisputesPage />
              </RequirePermission>
            }
          />
          <Route
            path="disputes/:id"
            element={
              <RequirePermission permission="disputes:read">
                <DisputePage />
              </RequirePermission>
            }
          />
          <Route
            path="claims"
            element={
              <RequirePermission permission="claims:read">
                <ClaimsPage />
              </RequirePermission>
            }
          />
          <Route
            path="billing-reports"
            element={
              <RequirePermission permission="billing:read">
                <BillingReportsPage />
              </RequirePermission>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}

/** antd's own texts (pagination, empty tables, Popconfirm buttons…) follow the app language. */
function LocalizedShell() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={THEME}>
      <AntApp>
        <AppRoutes />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <BrowserRouter>
          <LocalizedShell />
        </BrowserRouter>
      </I18nProvider>
    </QueryClientProvider>
  );
}
