import {
  ApiOutlined,
  FileSearchOutlined,
  AppstoreOutlined,
  DatabaseOutlined,
  ExportOutlined,
  BankOutlined,
  CalculatorOutlined,
  HomeOutlined,
  ImportOutlined,
  KeyOutlined,
  ProfileOutlined,
  ScanOutlined,
  SwapOutlined,
  AuditOutlined,
  AccountBookOutlined,
  BarChartOutlined,
  IssuesCloseOutlined,
  SafetyCertificateOutlined,
  RollbackOutlined,
  TagsOutlined,
  TeamOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { Flex, Layout, Menu, type MenuProps } from 'antd';
import { useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useT } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useSession } from '../session/session-context';
import { AccountSwitcher } from './account-switcher';
import { Brand } from './brand';
import { LangSwitch } from './lang-switch';
import { LogoutButton } from './logout-button';
import { UserMenu } from './user-menu';

interface NavArea {
  path: string;
  label: MessageKey;
  icon: React.ReactNode;
  permission: string;
  staffOnly?: boolean;
}

/** Only areas that exist today; inbound, inventory, orders, returns, billing and alerts come later. */
const AREAS: NavArea[] = [
  { path: '/skus', label: 'nav.skus', icon: <TagsOutlined />, permission: 'skus:read' },
  { path: '/inbound', label: 'nav.inbound', icon: <ImportOutlined />, permission: 'inbound:read' },
  { path: '/receiving', label: 'nav.receiving', icon: <ScanOutlined />, permission: 'warehouse_ops:write', staffOnly: true },
  { path: '/inventory', label: 'nav.inventory', icon: <DatabaseOutlined />, permission: 'inventory:read' },
  { path: '/locations', label: 'nav.locations', icon: <AppstoreOutlined />, permission: 'warehouse_ops:write', staffOnly: true },
  { path: '/transfers', label: 'nav.transfers', icon: <SwapOutlined />, permission: 'inventory:read' },
  { path: '/cycle-counts', label: 'nav.cycleCounts', icon: <AuditOutlined />, permission: 'warehouse_ops:write', staffOnly: true },
  { path: '/quotes', label: 'nav.quotes', icon: <CalculatorOutlined />, permission: 'quotes:read' },
  { path: '/rate-cards', label: 'nav.rateCards', icon: <ProfileOutlined />, permission: 'rate_cards:read' },
  { path: '/bills', label: 'nav.bills', icon: <AccountBookOutlined />, permission: 'billing:read' },
  { path: '/disputes', label: 'nav.disputes', icon: <IssuesCloseOutlined />, permission: 'disputes:read' },
  { path: '/claims', label: 'nav.claims', icon: <SafetyCertificateOutlined />, permission: 'claims:read' },
  { path: '/billing-reports', label: 'nav.billingReports', icon: <BarChartOutlined />, permission: 'billing:read' },
  { path: '/returns', label: 'nav.returns', icon: <RollbackOutlined />, permission: 'returns:read' },
  { path: '/work-orders', label: 'nav.workOrders', icon: <ToolOutlined />, permission: 'work_orders:read' },
  { path: '/exit-plans', label: 'nav.exitPlans', icon: <ExportOutlined />, permission: 'work_orders:read' },
  { path: '/warehouses', label: 'nav.warehouses', icon: <HomeOutlined />, permission: 'warehouses:read' },
  { path: '/accounts', label: 'nav.accounts', icon: <BankOutlined />, permission: 'accounts:read', staffOnly: true },
  { path: '/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'users:read' },
  { path: '/api-keys', label: 'nav.apiKeys', icon: <KeyOutlined />, permission: 'api_keys:read' },
  { path: '/audit-log', label: 'nav.auditLog', icon: <FileSearchOutlined />, permission: 'audit:read' },
];

export function AppLayout() {
  const t = useT();
  const { can, isStaff } = useSession();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const visible = AREAS.filter((area) => can(area.permission) && (!area.staffOnly || isStaff));
  const selected = visible.find((area) => location.pathname === area.path || location.pathname.startsWith(`${area.path}/`));
  const items: MenuProps['items'] = visible.map((area) => ({
    key: area.path,
    icon: area.icon,
    label: (
      <Link to={area.path} data-testid={`nav-${area.path.slice(1)}`}>
        {t(area.label)}
      </Link>
    ),
  }));

  return (
    <Layout className="app-layout">
      <Layout.Sider theme="light" breakpoint="lg" collapsible collapsed={collapsed} onCollapse={setCollapsed} className="app-sider">
        <Link to="/skus" className="app-sider-brand">
          <Brand collapsed={collapsed} />
        </Link>
        <Menu mode="inline" selectedKeys={selected ? [selected.path] : []} items={items} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Flex align="center" justify="flex-end" gap={12} wrap className="app-header-inner">
            {isStaff && <AccountSwitcher />}
            <LangSwitch />
            <UserMenu />
            <LogoutButton />
          </Flex>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
        <Layout.Footer className="app-footer">
          <ApiOutlined /> <a href="/docs">API</a> · Landed
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
