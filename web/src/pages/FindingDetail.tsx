/**
 * One finding explained: why this component is affected (each advisory's rule, in words), where it sits in
 * the product, how urgent it is and why, and what fixes it.
 */
import { Link, useParams } from 'react-router';
import { useApi } from '../api/hooks.js';
import type { Finding } from '../api/types.js';
import {
  ComponentPath,
  CvssScore,
  componentAt,
  DueDate,
  EpssValue,
  EvidenceSentence,
  KevBadge,
  PriorityBadge,
} from '../components/findings.js';
import { Badge, DefinitionList, ErrorState, Loading, PageHeader } from '../components/ui.js';
import {
  daysUntil,
  formatAge,
  formatDate,
  formatDateTime,
  formatPercentile,
  humanize,
  plural,
} from '../format.js';

export function FindingDetailPage() {
  const { id } = useParams();
  const finding = useApi<Finding>(`/findings/${id}`);

  if (finding.error) return <ErrorState error={finding.error} retry={finding.reload} />;
  if (!finding.data) return <Loading />;
  const f = finding.data;
  const pv = f.productVersion;
  const kevDays = daysUntil(f.kevDueDate);

  return (
    <>
      <PageHeader
        documentTitle={`${f.vulnerabilityId} in ${componentAt(f.component)}`}
        breadcrumbs={
          <>
            <Link to="/vulnerabilities">Vulnerabilities</Link> /{' '}
            <Link to={`/vulnerabilities/${encodeURIComponent(f.vulnerabilityId)}`}>{f.vulnerabilityId}</Link>{' '}
            / finding #{f.id}
          </>
        }
        title={
          <>
            <PriorityBadge priority={f.priority} reason={f.priorityReason} />
            <span>
              {f.vulnerabilityId} in {f.component.name}
            </span>
            {f.component.version && <span className="version">{f.component.version}</span>}
            {f.kev && <KevBadge dueDate={f.kevDueDate} />}
            {f.status !== 'open' && <Badge tone="muted">{humanize(f.status)}</Badge>}
          </>
        }
        subtitle={f.summary}
      />
      <div className="grid-2 align-start">
        <section className="card" aria-labelledby="urgency">
          <h2 id="urgency">Urgency</h2>
          <DefinitionList
            items={[
              [
                'Priority',
                <span key="p">
                  <PriorityBadge priority={f.priority} /> {f.priorityReason}
                </span>,
              ],
              [
                'Due',
                <DueDate
                  key="d"
                  dueDate={f.dueDate}
                  overdue={f.overdue}
                  status={f.status}
                  closedAt={f.closedAt}
                />,
              ],
              [
                'Known exploited',
                f.kev ? (
                  <span key="k">
                    Yes, in CISA’s KEV catalogue
                    {f.kevDueDate && (
                      <>
                        {' '}
                        (US federal due date {formatDate(f.kevDueDate)}
                        {kevDays !== undefined && kevDays < 0 ? `, ${formatAge(-kevDays)}` : ''})
                      </>
                    )}
                  </span>
                ) : (
                  'Not in KEV'
                ),
              ],
              [
                'EPSS',
                f.epss !== undefined && (
                  <span key="e">
                    <EpssValue epss={f.epss} percentile={f.epssPercentile} /> probability of exploitation in
                    the next 30 days
                    {f.epssPercentile !== undefined && ` (${formatPercentile(f.epssPercentile)} percentile)`}
                  </span>
                ),
              ],
              [
                'CVSS',
                f.cvssScore !== undefined && (
                  <span key="c">
                    <CvssScore score={f.cvssScore} vector={f.cvssVector} />{' '}
                    {f.severity && humanize(f.severity.toLowerCase())}
                    {f.cvssVector && <div className="mono small break">{f.cvssVector}</div>}
                  </span>
                ),
              ],
              ['Status', f.statusReason ? `${humanize(f.status)}: ${f.statusReason}` : humanize(f.status)],
              ['First seen', formatDateTime(f.firstSeen)],
              ['Last seen', formatDateTime(f.lastSeen)],
            ]}
          />
        </section>
        <section className="card" aria-labelledby="where">
          <h2 id="where">Where, and the fix</h2>
          <DefinitionList
            items={[
              [
                'Product version',
                <span key="pv">
                  <Link to={`/product-versions/${pv.id}`}>
                    {pv.product} {pv.version}
                  </Link>
                  <span className="muted">
                    {' '}
                    · {pv.supplier}
                    {pv.deviceType ? ` · ${pv.deviceType}` : ''}
                  </span>
                </span>,
              ],
              [
                'Devices',
                f.deviceCount > 0 ? (
                  <Link key="dv" to={`/devices?productVersionId=${pv.id}`}>
                    {plural(f.deviceCount, 'device')} run it
                  </Link>
                ) : (
                  'No device in the inventory runs it'
                ),
              ],
              [
                'Component',
                <span key="cm" className="mono">
                  {componentAt(f.component)}
                </span>,
              ],
              [
                'Package URL',
                f.component.purl && <span className="mono small break">{f.component.purl}</span>,
              ],
              [
                'Nearest fix',
                f.nearestFix ? (
                  <span key="nf">
                    <span className="mono">{f.nearestFix}</span>{' '}
                    <span className="muted">
                      (the nearest upgrade{f.component.version ? ` from ${f.component.version}` : ''} that is
                      not affected)
                    </span>
                  </span>
                ) : (
                  <span key="nf" className="muted">
                    No fixed version is known
                  </span>
                ),
              ],
              [
                'Fixed versions',
                f.fixedVersions.length > 0 && (
                  <span key="fv" className="tag-list">
                    {f.fixedVersions.map((v) => (
                      <code key={v}>{v}</code>
                    ))}
                  </span>
                ),
              ],
              ['Match confidence', humanize(f.confidence)],
            ]}
          />
        </section>
      </div>
      <section className="card" aria-labelledby="evidence">
        <div className="card-header">
          <h2 id="evidence">Evidence</h2>
          <span className="muted">
            {plural(f.evidence?.length ?? 0, 'advisory', 'advisories')} matched ·{' '}
            <Link to={`/vulnerabilities/${encodeURIComponent(f.vulnerabilityId)}`}>
              everything about {f.vulnerabilityId} →
            </Link>
          </span>
        </div>
        {(f.evidence ?? []).length === 0 ? (
          <p className="muted">No evidence was recorded for this finding.</p>
        ) : (
          <ul className="evidence-list" data-testid="evidence">
            {(f.evidence ?? []).map((item) => (
              <li key={item.advisoryId}>
                <EvidenceSentence component={f.component} item={item} />
                {item.path.length > 1 && (
                  <div className="evidence-path">
                    <span className="muted small">Why it is there:</span> <ComponentPath path={item.path} />
                  </div>
                )}
                {item.path.length === 1 && (
                  <div className="muted small">Why it is there: the SBOM lists it at the top level.</div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
