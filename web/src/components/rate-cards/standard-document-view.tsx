import { Col, Flex, Row, Statistic, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import { formatAmount } from '../../lib/format-money';
import type { StandardCardDocument } from '../../types';
import { RulesTable } from './rules-table';

/** A standard card version: its warehouse rules, and how many carrier services, lanes and FX rates it carries. */
export function StandardDocumentView({ document }: { document: StandardCardDocument }) {
  const { t, locale } = useI18n();
  const minimum = document.minimumMonthlyCharge;
  return (
    <Flex vertical gap={16}>
      <Row gutter={[24, 12]}>
        <Col xs={12} md={6}>
          <Statistic title={t('rateCards.carrierServices')} value={document.carrierServices?.length ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('rateCards.lanes')} value={document.lanes?.length ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('rateCards.fxRates')} value={document.fx?.length ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('rateCards.minimum')}
            value={minimum ?? 0}
            formatter={() => (minimum && Number(minimum) > 0 ? formatAmount(minimum, document.currency, locale) : t('rateCards.none'))}
          />
        </Col>
      </Row>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('rateCards.rules', { count: document.rules?.length ?? 0 })}
      </Typography.Title>
      <RulesTable rules={document.rules ?? []} currency={document.currency} testId="rate-card-rules" />
    </Flex>
  );
}
