import { useEffect, useState } from 'react';
import { currencyName } from '../../../../shared/currency-names';
import type { DeskError } from '../../../../shared/ipc';
import {
  chartSeries,
  monthsEndingAt,
  type CurrencySeries,
  type MonthlyPaid,
} from '../../../../shared/paid-by-month';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatAmount } from '../../lib/amount-format';
import { formatCount } from '../../lib/format';
import { historyService } from '../../services/desk-service';

const MONTHS_SHOWN = 12;
const BAR_WIDTH = 28;
const BAR_GAP = 8;
// Room for the first axis label.
const PAD = 6;
const CHART_HEIGHT = 80;
// Two axis lines under the bars: the month, and the year under the first bar and each January.
const AXIS_HEIGHT = 28;
const MONTH_NAME = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });

/**
 * Amounts paid per currency per month: the COMPLETED payouts of the twelve months (UTC) up to
 * the latest one with any, summed exactly in main (getPaidByMonth). Currencies differ in
 * unit, so each is its own row of bars on its own scale. The SVG is a picture for sighted readers: its bars carry
 * the exact amount in a <title>, and the table under it (in a <details>) says every figure.
 * Reloaded when `refreshKey` changes (a sync ended).
 */
export function PaidByMonthChart({
  profileId,
  refreshKey,
}: {
  profileId: string;
  refreshKey: unknown;
}) {
  const [rows, setRows] = useState<MonthlyPaid[] | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    void historyService.paidByMonth({ profileId }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setRows(result.value.rows);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [profileId, refreshKey, reloads]);

  if (error) {
    return (
      <ErrorMessage
        error={error}
        onRetry={() => {
          setReloads((n) => n + 1);
        }}
      />
    );
  }
  if (rows === null) return null;
  // The twelve months up to the latest paid one (rows are sorted by month).
  const latest = rows.at(-1)?.month;
  const months = latest === undefined ? [] : monthsEndingAt(latest, MONTHS_SHOWN);
  const shown = rows.filter((row) => months.includes(row.month));
  const series = chartSeries(shown, months);
  return (
    <section
      className="card paid-chart"
      aria-labelledby="paid-chart-title"
      data-testid="paid-chart"
    >
      <h3 id="paid-chart-title">Paid per month</h3>
      {series.length === 0 ? (
        <p>No completed payouts yet.</p>
      ) : (
        <>
          {/* Side by side, so many currencies do not push the payouts list off the screen. */}
          <div className="paid-series-grid">
            {series.map((one) => (
              <CurrencyBars key={one.currency} series={one} />
            ))}
          </div>
          <details>
            <summary>Amounts as a table</summary>
            <PaidTable rows={shown} />
          </details>
        </>
      )}
    </section>
  );
}

function CurrencyBars({ series }: { series: CurrencySeries }) {
  const width = series.bars.length * (BAR_WIDTH + BAR_GAP) + 2 * PAD;
  const name = currencyName(series.currency);
  return (
    <figure className="paid-series">
      <figcaption>
        {name}{' '}
        <span className="muted">
          (up to {formatAmount(series.max)} {series.currency} a month)
        </span>
      </figcaption>
      <svg
        role="img"
        aria-label={`${name} paid per month: ${describeBars(series)}`}
        width={width}
        height={CHART_HEIGHT + AXIS_HEIGHT}
        viewBox={`0 0 ${String(width)} ${String(CHART_HEIGHT + AXIS_HEIGHT)}`}
      >
        {series.bars.map((bar, index) => {
          // Drawing only: a height from the exact ratio; a paid month is never invisible.
          const height = bar.ratio === 0 ? 0 : Math.max(2, bar.ratio * CHART_HEIGHT);
          const x = PAD + index * (BAR_WIDTH + BAR_GAP);
          return (
            <g key={bar.month}>
              <rect
                x={x}
                y={CHART_HEIGHT - height}
                width={BAR_WIDTH}
                height={height}
                className="paid-bar"
                data-month={bar.month}
              >
                <title>{`${bar.month}: ${formatAmount(bar.amount)} ${series.currency}`}</title>
              </rect>
              <text
                x={x + BAR_WIDTH / 2}
                y={CHART_HEIGHT + 12}
                textAnchor="middle"
                className="paid-axis"
              >
                {monthLabel(bar.month)}
              </text>
              {(index === 0 || bar.month.endsWith('-01')) && (
                <text
                  x={x + BAR_WIDTH / 2}
                  y={CHART_HEIGHT + 24}
                  textAnchor="middle"
                  className="paid-axis paid-axis-year"
                >
                  {bar.month.slice(0, 4)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** "2026-01" as the person's locale names the month ("Jan"); the year has its own line. */
function monthLabel(month: string): string {
  return MONTH_NAME.format(new Date(`${month}-01T00:00:00Z`));
}

/** "2026-01 100.305, 2026-02 7.25": the months with payouts, exact. */
function describeBars(series: CurrencySeries): string {
  const paid = series.bars.filter((bar) => bar.count > 0);
  return paid
    .map((bar) => `${bar.month} ${formatAmount(bar.amount)} ${series.currency}`)
    .join(', ');
}

function PaidTable({ rows }: { rows: MonthlyPaid[] }) {
  return (
    <table className="paid-table" data-testid="paid-table">
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col">Currency</th>
          <th
            scope="col"
            className="num"
            title="The exact sum of the completed payouts of the month, in the currency"
          >
            Paid
          </th>
          <th
            scope="col"
            className="num"
            title="Completed payouts of the month, single and mass (a mass payout counts once)"
          >
            Payouts
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.month} ${row.currency}`}>
            <td>{row.month}</td>
            <td>{currencyName(row.currency)}</td>
            <td className="num amount">
              {formatAmount(row.amount)} {row.currency}
            </td>
            <td className="num">{formatCount(row.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
