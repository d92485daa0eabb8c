import { Tag } from 'antd';
import { useT } from '../../i18n/i18n-context';
import type { ClaimStatus, DisputeStatus } from '../../types-disputes';

const DISPUTE_COLOURS: Record<DisputeStatus, string> = {
  open: 'gold',
  under_review: 'blue',
  resolved_accepted: 'green',
  resolved_partly: 'cyan',
  resolved_rejected: 'red',
  withdrawn: 'default',
};

export function DisputeStatusTag({ status }: { status: DisputeStatus }) {
  const t = useT();
  return (
    <Tag color={DISPUTE_COLOURS[status]} data-testid={`dispute-status-${status}`}>
      {t(`disputes.status.${status}`)}
    </Tag>
  );
}

const CLAIM_COLOURS: Record<ClaimStatus, string> = { submitted: 'gold', approved: 'green', rejected: 'red' };

export function ClaimStatusTag({ status }: { status: ClaimStatus }) {
  const t = useT();
  return (
    <Tag color={CLAIM_COLOURS[status]} data-testid={`claim-status-${status}`}>
      {t(`claims.status.${status}`)}
    </Tag>
  );
}
