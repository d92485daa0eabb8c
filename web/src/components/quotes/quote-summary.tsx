import { Card, Col, Flex, Row, Statistic, Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import { formatDay } from '../../lib/format-date';
import { formatMoney } from '../../lib/format-money';
import { formatNumber } from '../../lib/format-number';
import type { QuoteResult } from '../../types';

/** The headline: monthly total, cost per order, volumes, and the exact card versions priced. */
export function QuoteSummary({ quote }: { quote: QuoteResult }) {
  const { t, locale } = useI18n();
  const volume = (text: string) => formatNumber(text, locale, 2);
  return (
    <Card size="small" className="quote-summary">
      <Row gutter={[24, 16]}>
        <Col xs={24} sm={12} lg={6}>
          <Statistic
            title={t('quote.monthlyTotal')}
            value={quote.monthlyTotal.amount}
            formatter={() => <span data-testid="quote-total">{formatMoney(quote.monthlyTotal, locale)}</span>}
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Statistic
            title={
              <Tooltip title={t('quote.perOrderHelp')}>
                <span className="dotted">{t('quote.perOrder')}</span>
              </Tooltip>
            }
            value={quote.perOrder.amount}
            formatter={() => <span data-testid="quote-per-order">{formatMoney(quote.perOrder, locale)}</span>}
          />
        </Col>
        <Col xs={12} sm={6} lg={3}>
          <Statistic
            title={t('quote.ordersPerMonth')}
            value={quote.volumes.ordersPerMonth}
            formatter={() => volume(quote.volumes.ordersPerMonth)}
          />
        </Col>
        <Col xs={12} sm={6} lg={3}>
          <Statistic
            title={t('quote.unitsPerMonth')}
            value={quote.volumes.unitsPerMonth}
            formatter={() => volume(quote.volumes.unitsPerMonth)}
          />
        </Col>
        <Col xs={12} sm={6} lg={3}>
          <Statistic
            title={t('quote.cartonsPerMonth')}
            value={quote.volumes.cartonsPerMonth}
            formatter={() => volume(quote.volumes.cartonsPerMonth)}
          />
        </Col>
        <Col xs={12} sm={6} lg={3}>
          <Statistic
            title={t('quote.cubicFeetOnHand')}
            value={quote.volumes.cubicFeetOnHand}
            formatter={() => volume(quote.volumes.cubicFeetOnHand)}
          />
        </Col>
      </Row>
      <Flex gap={8} wrap align="center" className="quote-cards">
        <Typography.Text type="secondary">
          {t('quote.quoteDate', { date: formatDay(quote.quoteDate, locale) ?? quote.quoteDate })}
        </Typography.Text>
        <Typography.Text type="secondary">·</Typography.Text>
        <Typography.Text type="secondary">{t('quote.cards')}</Typography.Text>
        {quote.cards.map((card) => (
          <Tag key={`${card.code}-${card.version}`} color="blue" data-testid="quote-card-version">
            {card.code} v{card.version}
          </Tag>
        ))}
      </Flex>
    </Card>
  );
}
