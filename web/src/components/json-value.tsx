import { Typography } from 'antd';

/** A JSON value as compact, scrollable text; strings and numbers stay on one line. */
export function JsonValue({ value }: { value: unknown }) {
  if (value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  if (value === null || typeof value !== 'object') return <code className="json-inline">{JSON.stringify(value)}</code>;
  return <pre className="json-block">{JSON.stringify(value, null, 2)}</pre>;
}
