import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Input, InputNumber, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n/i18n-context';
import { type Disposition, GRADE_DISPOSITIONS, type Grade, type Rma, type RmaLine } from '../../types-returns';
import { ErrorAlert } from '../error-alert';
import { parsePhotos } from './labels';

interface Part {
  key: string;
  lineId: string;
  quantity: number | null;
  grade: Grade | null;
  disposition: Disposition | null;
  photos: string;
  note: string;
}

const GRADES: Grade[] = ['A', 'B', 'C', 'D'];
const DEFAULTS: Record<Grade, Disposition> = { A: 'restock', B: 'relabel_restock', C: 'return_to_china', D: 'destroy' };

/**
 * Inspection at the bench: a grade and a disposition for every received line, split into parts
 * when units differ; destroying asks for photos. Nothing is written unless every part is valid.
 */
export function InspectionForm({ rma }: { rma: Rma }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const pending = rma.lines.filter((l) => l.received_quantity > 0 && !l.grade);
  const [parts, setParts] = useState<Part[]>(() =>
    pending.map((l) => ({
      key: `${l.id}-0`,
      lineId: l.id,
      quantity: l.received_quantity,
      grade: null,
      disposition: null,
      photos: '',
      note: '',
    })),
  );
  const byId = useMemo(() => new Map(rma.lines.map((l) => [l.id, l])), [rma.lines]);

  const inspect = useMutation({
    mutationFn: () =>
      api<Rma>(`/v1/returns/${rma.id}/inspect`, {
        method: 'POST',
        body: {
          lines: parts.map((p) => {
            const photos = parsePhotos(p.photos);
            return {
              line_id: p.lineId,
              quantity: p.quantity ?? undefined,
              grade: p.grade,
              disposition: p.disposition ?? undefined,
              evidence: photos.length > 0 || p.note.trim() ? { photos, note: p.note.trim() || null } : null,
            };
          }),
        },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['returns', 'one', rma.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['returns'] });
      void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
    },
  });

  const update = (key: string, patch: Partial<Part>) => setParts((all) => all.map((p) => (p.key === key ? { ...p, ...patch } : p)));
  const split = (part: Part) =>
    setParts((all) => {
      const at = all.findIndex((p) => p.key === part.key);
      const copy: Part = {
        ...part,
        key: `${part.lineId}-${Date.now()}`,
        quantity: 1,
        grade: null,
        disposition: null,
        photos: '',
        note: '',
      };
      return [...all.slice(0, at + 1), copy, ...all.slice(at + 1)];
    });

  const columns: TableColumnsType<Part> = [
    {
      key: 'line',
      title: t('returns.inspect.col.line'),
      render: (_, p) => {
        const line = byId.get(p.lineId) as RmaLine;
        return (
          <span>
            #{line.line_no} <Typography.Text strong>{line.seller_sku}</Typography.Text>
            <Typography.Text type="secondary"> · {t('returns.inspect.received', { count: line.received_quantity })}</Typography.Text>
          </span>
        );
      },
    },
    {
      key: 'quantity',
      title: t('returns.inspect.col.quantity'),
      render: (_, p) => (
        <InputNumber min={1} precision={0} value={p.quantity} onChange={(quantity) => update(p.key, { quantity })} style={{ width: 90 }} />
      ),
    },
    {
      key: 'grade',
      title: t('returns.inspect.col.grade'),
      render: (_, p) => (
        <Select<Grade>
          data-testid={`inspect-grade-${parts.indexOf(p)}`}
          style={{ width: 200 }}
          value={p.grade ?? undefined}
          placeholder={t('returns.inspect.pickGrade')}
          onChange={(grade) => update(p.key, { grade, disposition: DEFAULTS[grade] })}
          options={GRADES.map((g) => ({ value: g, label: `${g} · ${t(`returns.grade.${g}`)}` }))}
        />
      ),
    },
    {
      key: 'disposition',
      title: t('returns.inspect.col.disposition'),
      render: (_, p) => (
        <Select<Disposition>
          data-testid={`inspect-disposition-${parts.indexOf(p)}`}
          style={{ width: 190 }}
          disabled={!p.grade}
          value={p.disposition ?? undefined}
          onChange={(disposition) => update(p.key, { disposition })}
          options={(p.grade ? GRADE_DISPOSITIONS[p.grade] : []).map((d) => ({ value: d, label: t(`returns.disposition.${d}`) }))}
        />
      ),
    },
    {
      key: 'evidence',
      title: t('returns.inspect.col.evidence'),
      render: (_, p) => (
        <Flex vertical gap={4} style={{ minWidth: 240 }}>
          <Input.TextArea
            data-testid={`inspect-photos-${parts.indexOf(p)}`}
            rows={1}
            autoSize={{ minRows: 1, maxRows: 4 }}
            placeholder={t(p.disposition === 'destroy' ? 'returns.inspect.photosRequired' : 'returns.inspect.photos')}
            status={p.disposition === 'destroy' && parsePhotos(p.photos).length === 0 ? 'warning' : undefined}
            value={p.photos}
            onChange={(e) => update(p.key, { photos: e.target.value })}
          />
          <Input
            placeholder={t('returns.inspect.note')}
            value={p.note}
            onChange={(e) => update(p.key, { note: e.target.value })}
            maxLength={2000}
          />
        </Flex>
      ),
    },
    {
      key: 'split',
      render: (_, p) => (
        <Button size="small" icon={<PlusOutlined />} onClick={() => split(p)}>
          {t('returns.inspect.split')}
        </Button>
      ),
    },
  ];

  if (pending.length === 0) return null;
  return (
    <Card size="small" title={t('returns.inspect.title')} style={{ marginTop: 16 }} data-testid="inspection-form">
      <Typography.Paragraph type="secondary">{t('returns.inspect.help')}</Typography.Paragraph>
      <Table<Part> size="small" rowKey="key" columns={columns} dataSource={parts} pagination={false} scroll={{ x: 'max-content' }} />
      {inspect.error ? <ErrorAlert error={inspect.error} /> : null}
      <Flex justify="flex-end" style={{ marginTop: 12 }}>
        <Button
          type="primary"
          size="large"
          data-testid="inspect-submit"
          loading={inspect.isPending}
          disabled={parts.some((p) => !p.grade)}
          onClick={() => inspect.mutate()}
        >
          {t('returns.inspect.submit')}
        </Button>
      </Flex>
    </Card>
  );
}
