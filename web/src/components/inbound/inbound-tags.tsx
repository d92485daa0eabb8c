import { Tag } from 'antd';
import { useT } from '../../i18n/i18n-context';
import { isMessageKey } from '../../i18n/messages';

const PLAN_COLOURS: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  in_transit: 'geekblue',
  arrived: 'cyan',
  receiving: 'orange',
  received: 'green',
  closed: 'default',
  cancelled: 'red',
};

const CARTON_COLOURS: Record<string, string> = { expected: 'default', opened: 'orange', received: 'green', missing: 'red' };
const DISCREPANCY_COLOURS: Record<string, string> = {
  short: 'red',
  over: 'orange',
  damaged: 'volcano',
  unknown_sku: 'purple',
  unknown_carton: 'purple',
};

function Labelled({ prefix, value, colours, testId }: { prefix: string; value: string; colours: Record<string, string>; testId?: string }) {
  const t = useT();
  const key = `${prefix}.${value}`;
  return (
    <Tag color={colours[value] ?? 'default'} data-testid={testId}>
      {isMessageKey(key) ? t(key) : value}
    </Tag>
  );
}

export const PlanStatusTag = ({ status }: { status: string }) => (
  <Labelled prefix="inbound.status" value={status} colours={PLAN_COLOURS} testId="plan-status" />
);
export const CartonStatusTag = ({ status }: { status: string }) => (
  <Labelled prefix="inbound.carton" value={status} colours={CARTON_COLOURS} />
);
export const DiscrepancyTag = ({ kind }: { kind: string }) => (
  <Labelled prefix="inbound.discrepancy" value={kind} colours={DISCREPANCY_COLOURS} />
);

export function ModeText({ mode }: { mode: string }) {
  const t = useT();
  const key = `inbound.mode.${mode}`;
  return <>{isMessageKey(key) ? t(key) : mode}</>;
}
