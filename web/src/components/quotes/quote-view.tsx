import { Card, Col, Flex, Row, Typography } from 'antd';
import { useT } from '../../i18n/i18n-context';
import type { SavedQuote } from '../../types';
import { FeeLinesTable } from './fee-lines-table';
import { ModuleChart } from './module-chart';
import { QuoteAssumptions } from './quote-assumptions';
import { QuoteSummary } from './quote-summary';
import { QuoteWarnings } from './quote-warnings';
import { SkuCostChart } from './sku-cost-chart';
import { SkuCostsTable } from './sku-costs-table';

/**
 * A saved quote, read-only: headline numbers, cost by module, every fee line, landed cost per
 * SKU and the warnings. Used signed in and on the public shared page, so it reads no session.
 */
export function QuoteView({ saved }: { saved: SavedQuote }) {
  const t = useT();
  const quote = saved.quote;
  return (
    <Flex vertical gap={16} className="quote-view">
      <QuoteSummary quote={quote} />
      <QuoteWarnings warnings={quote.warnings} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('quote.byModule')} className="full-height">
            <ModuleChart quote={quote} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('quote.assumptions')} className="full-height">
            <QuoteAssumptions request={saved.request} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('quote.lines')}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('quote.linesHelp')}
        </Typography.Paragraph>
        <FeeLinesTable quote={quote} />
      </Card>
      <Card size="small" title={t('quote.skus')}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('quote.skusHelp')}
        </Typography.Paragraph>
        <Flex vertical gap={16}>
          <SkuCostChart quote={quote} />
          <SkuCostsTable quote={quote} />
        </Flex>
      </Card>
    </Flex>
  );
}
