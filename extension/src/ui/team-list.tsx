import type { Translate } from '../i18n/i18n.ts';
import { formatNumber, formatRating, type TeamRow } from '../team/team-rows.ts';

/** Up to this many indicator figures on a row; the rest are in the detail view. */
const ROW_INDICATORS = 3;

/** "%" and "/5" sit against the number; a word unit gets a thin space ("7 days"). */
function unitText(unit: string): string {
  return /^[%/°‰]/.test(unit) ? unit : `\u2009${unit}`;
}

/** A compact figure: `Quota attainment 104%`. */
export function IndicatorFigure(props: { label: string; value: number; unit: string }) {
  return (
    <span class="figure">
      <span class="figure-label">{props.label}</span>
      <span class="figure-value">
        {formatNumber(props.value)}
        {props.unit && <span class="figure-unit">{unitText(props.unit)}</span>}
      </span>
    </span>
  );
}

/** The "My team" list: one button-like row per direct report. */
export function TeamList(props: {
  rows: TeamRow[];
  loading: boolean;
  t: Translate;
  onSelect: (personId: string) => void;
}) {
  const { rows, t } = props;
  if (props.loading) return <p class="muted">{t('team.loading')}</p>;
  if (rows.length === 0) {
    return (
      <p class="muted" data-testid="team-empty">
        {t('team.empty')}
      </p>
    );
  }
  return (
    <section>
      <h2 class="section-title">
        {t('team.title')} <span class="muted">· {t('team.count', { count: rows.length })}</span>
      </h2>
      <ul class="team" data-testid="team-list">
        {rows.map((row) => (
          <li key={row.personId}>
            <button
              type="button"
              class="member"
              data-testid="team-member"
              data-person-id={row.personId}
              onClick={() => props.onSelect(row.personId)}
            >
              <span class="member-head">
                <span class="member-name">{row.name}</span>
                <span class="rating" data-testid="member-rating">
                  {row.record === 'denied'
                    ? t('team.noAccess')
                    : row.rating
                      ? formatRating(row.rating)
                      : row.record === 'loaded'
                        ? t('team.noRating')
                        : '…'}
                </span>
              </span>
              <span class="member-sub">
                {[row.title, row.unitName].filter((s) => s !== '').join(' · ')}
                {row.onLeave && <span class="tag">{t('team.onLeave')}</span>}
              </span>
              {row.indicators.length > 0 && (
                <span class="figures">
                  {row.indicators.slice(0, ROW_INDICATORS).map((i) => (
                    <IndicatorFigure key={i.key} label={i.label} value={i.value} unit={i.unit} />
                  ))}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
