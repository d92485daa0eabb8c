/**
 * The demo provider's US fee standard (美国收费标准) as fee rules: every warehouse fee a seller
 * can be charged, so nothing appears on a bill that was not on the quote. Prices are realistic
 * for a China-run US warehouse in 2026 but are samples: a provider loads its own card.
 */
import type { FeeRule } from './document.js';

export const SAMPLE_FEE_RULES: FeeRule[] = [
  {
    id: 'receiving.carton',
    module: 'receiving',
    label: { en: 'Receiving, per carton', zh: '入库费（按箱）' },
    meter: 'carton_received',
    model: { kind: 'per_unit', rate: '2.50', unit: 'carton' },
  },
  {
    id: 'putaway.unit',
    module: 'putaway',
    label: { en: 'Putaway, per unit', zh: '上架费（按件）' },
    meter: 'unit_putaway',
    model: { kind: 'per_unit', rate: '0.10', unit: 'unit' },
  },
  {
    id: 'storage.ft3',
    module: 'storage',
    label: { en: 'Storage, per cubic foot per month', zh: '仓储费（每立方英尺每月）' },
    meter: 'storage_ft3_month',
    model: { kind: 'per_unit', rate: '0.65', unit: 'ft³·month' },
  },
  {
    id: 'storage.long_term',
    module: 'long_term_storage',
    label: { en: 'Long-term storage surcharge by lot age', zh: '长期仓储附加费（按批次库龄）' },
    meter: 'aged_storage_ft3_month',
    model: {
      kind: 'age_banded',
      unit: 'ft³·month',
      bands: [
        { fromDay: 0, toDay: 180, rate: '0' },
        { fromDay: 181, toDay: 270, rate: '1.00' },
        { fromDay: 271, toDay: 365, rate: '2.00' },
        { fromDay: 366, toDay: null, rate: '4.00' },
      ],
    },
  },
  {
    id: 'handling.order',
    module: 'handling',
    label: { en: 'Order handling (pick & pack), by order weight', zh: '订单操作费（拣货打包，按订单重量）' },
    meter: 'order',
    model: {
      kind: 'table',
      rowUnit: 'lb',
      columnName: 'rate',
      unit: 'order',
      rows: [
        { upTo: '1', cells: { all: '1.20' } },
        { upTo: '2', cells: { all: '1.50' } },
        { upTo: '5', cells: { all: '2.00' } },
        { upTo: '10', cells: { all: '2.80' } },
        { upTo: '20', cells: { all: '3.80' } },
        { upTo: '50', cells: { all: '6.00' } },
        { upTo: '150', cells: { all: '12.00' } },
      ],
    },
  },
  {
    id: 'handling.additional_unit',
    module: 'handling',
    label: { en: 'Each additional unit in an order', zh: '一单多件，每增加一件' },
    meter: 'additional_unit',
    model: { kind: 'per_unit', rate: '0.30', unit: 'unit' },
  },
  {
    id: 'packaging.standard',
    module: 'packaging',
    label: { en: 'Packaging materials (poly mailer or box)', zh: '包材费（快递袋或纸箱）' },
    meter: 'parcel_packaging',
    model: { kind: 'per_unit', rate: '0.15', unit: 'parcel' },
  },
  {
    id: 'returns.restock',
    module: 'returns',
    label: { en: 'Return: inspect, relabel and restock', zh: '退货：检查、换标、重新上架' },
    meter: 'return_unit_restock',
    model: { kind: 'per_unit', rate: '1.50', unit: 'unit' },
  },
  {
    id: 'returns.destroy',
    module: 'returns',
    label: { en: 'Return: destroy with photo evidence', zh: '退货：销毁（附照片证明）' },
    meter: 'return_unit_destroy',
    model: { kind: 'per_unit', rate: '0.50', unit: 'unit' },
  },
  {
    id: 'returns.ship_back',
    module: 'returns',
    label: { en: 'Return: consolidate to ship back to China (handling only)', zh: '退货：集货退回中国（仅操作费）' },
    meter: 'return_unit_ship_back',
    model: { kind: 'per_unit', rate: '1.00', unit: 'unit' },
  },
  {
    id: 'insurance.declared_value',
    module: 'insurance',
    label: { en: 'Shipping insurance on declared value', zh: '按申报价值投保运输险' },
    meter: 'insurance_declared_value',
    model: { kind: 'percentage', percent: '1.5', base: 'declared_value', minimum: '0' },
  },
  {
    id: 'vas.relabel',
    module: 'value_added',
    label: { en: 'Relabel (FNSKU / MSKU), per unit', zh: '换标（FNSKU / MSKU），每件' },
    meter: 'add_on',
    model: { kind: 'per_unit', rate: '0.20', unit: 'unit' },
  },
  {
    id: 'vas.qc',
    module: 'value_added',
    label: { en: 'Quality check, per unit', zh: '质检，每件' },
    meter: 'add_on',
    model: { kind: 'per_unit', rate: '0.25', unit: 'unit' },
  },
  {
    id: 'vas.photo',
    module: 'value_added',
    label: { en: 'Product photos, per SKU', zh: '产品拍照，每个 SKU' },
    meter: 'add_on',
    model: { kind: 'per_unit', rate: '3.00', unit: 'SKU' },
  },
  {
    id: 'vas.kitting',
    module: 'value_added',
    label: { en: 'Kitting / bundling, per kit', zh: '组套，每套' },
    meter: 'add_on',
    model: { kind: 'per_unit', rate: '0.50', unit: 'kit' },
  },
  {
    id: 'ops.customer_service',
    module: 'operations',
    label: { en: 'Customer service, per hour', zh: '客服，按小时' },
    meter: 'add_on',
    model: { kind: 'per_unit', rate: '25.00', unit: 'hour' },
  },
  {
    id: 'exit.disposal',
    module: 'exit',
    label: { en: 'Disposal of remaining stock on exit, per unit', zh: '退出时剩余库存销毁，每件' },
    meter: 'add_on',
    model: { kind: 'per_unit', rate: '0.30', unit: 'unit' },
  },
];
