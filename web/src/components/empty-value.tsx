import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A table cell that may be empty: shows a muted dash instead of nothing. */
export function OrDash({ children }: { children: ReactNode }) {
  if (children === null || children === undefined || children === '') return <Typography.Text type="secondary">—</Typography.Text>;
  return <>{children}</>;
}
