/**
 * A device's hygiene and exposure, as its page shows them: the operating system recognised and its
 * support (end of support, days past, where the date comes from, the words that recognised it); patches
 * (days since the last, each critical update rule with its outcome and what fixes it, the supplier's
 * restrictions); protection (status, reasons, products); and what scans and lists saw of it (reach, risky
 * services with their reasons, open services, vulnerabilities the sources reported, the history).
 */
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { useApi } from '../api/hooks.js';
import type { DeviceExposureResponse, DeviceHygiene, DeviceHygieneResponse } from '../api/types.js';
import { formatAge, formatDate, formatDateTime, formatNumber, humanize, plural } from '../format.js';
import {
  InternetFacingBadge,
  OsStatusBadge,
  OutcomeBadge,
  ProductStatusBadge,
  ProtectionBadge,
  RiskReasons,
  SOURCE_LABEL,
} from './hygiene.js';
import { Alert, Badge, DefinitionList, Empty, ErrorState, Loading } from './ui.js';

/**
 * Brings the section into view once its content is there, when the address names it (`#exposure`, from
 * the exposure list): the router does not, and the section's height is only known then.
 */
function useScrollIntoView(id: string, ready: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (ready && hash === `#${id}`) document.getElementById(id)?.scrollIntoView({ block: 'start' });
  }, [id, ready, hash]);
}

export function DeviceHygieneSection({ deviceId }: { deviceId: number }) {
  const { data, error, reload } = useApi<DeviceHygieneResponse>(`/devices/${deviceId}/hygiene`);
  useScrollIntoView('hygiene', data !== undefined || error !== undefined);
  const never = error?.status === 404;
  return (
    <section className="card" id="hygiene" aria-labelledby="device-hygiene" data-testid="device-hygiene">
      <div className="card-header">
        <h2 id="device-hygiene">Hygiene</h2>
        {data && (
          <span className="muted">
            Assessed {formatDateTime(data.assessedAt)} · <Link to="/hygiene">All devices</Link>
          </span>
        )}
      </div>
      {error && !never && <ErrorState error={error} retry={reload} />}
      {never && (
        <Empty title="This device has not been assessed yet.">
          Vigil assesses every device after device and end-of-life imports, and daily; analysts can assess now
          on the <Link to="/hygiene">Hygiene</Link> page.
        </Empty>
      )}
      {!data && !error && <Loading />}
      {data && <HygieneDetails hygiene={data.hygiene} />}
    </section>
  );
}

function HygieneDetails({ hygiene }: { hygiene: DeviceHygiene }) {
  const { os, patches, protection } = hygiene;
  const life = os.lifecycle;
  const esu = life.extendedSupport;
  return (
    <>
      <div className="hygiene-grid">
        <div data-testid="hygiene-os">
          <h3>Operating system</h3>
          <DefinitionList
            items={[
              [
                'Recognised as',
                <>
                  {os.label ?? <span className="muted">Not recognised</span>}
                  {os.recognition !== 'recognised' && (
                    <>
                      {' '}
                      <Badge tone="neutral">{humanize(os.recognition)}</Badge>
                    </>
                  )}
                </>,
              ],
              ['Family', os.family && humanize(os.family)],
              [
                'Support',
                <>
                  <OsStatusBadge status={life.status} /> <span className="muted small">{life.reason}</span>
                </>,
              ],
              [
                'End of support',
                life.endOfSupport && (
                  <>
                    {formatDate(life.endOfSupport)}
                    {life.daysPast !== undefined && life.daysPast > 0 && (
                      <>
                        {' '}
                        <Badge tone="danger">{plural(life.daysPast, 'day')} past</Badge>
                      </>
                    )}
                    {life.daysLeft !== undefined && (
                      <>
                        {' '}
                        <Badge tone={life.daysLeft < 180 ? 'warning' : 'neutral'}>
                          {plural(life.daysLeft, 'day')} left
                        </Badge>
                      </>
                    )}
                  </>
                ),
              ],
              [
                'Extended updates',
                esu && (
                  <>
                    {esu.programme}
                    {esu.until ? ` until ${formatDate(esu.until)}` : ''}
                    {' · '}
                    {esu.enrolled
                      ? 'this device is enrolled'
                      : esu.requiresEnrolment
                        ? 'needs enrolment; this device is not enrolled'
                        : 'for every device'}
                  </>
                ),
              ],
              [
                'Lifecycle from',
                life.source && (
                  <>
                    {life.source.link ? (
                      <a href={life.source.link} rel="noreferrer noopener" target="_blank">
                        {life.source.label ?? `${life.source.product} ${life.source.cycle}`}
                      </a>
                    ) : (
                      (life.source.label ?? `${life.source.product} ${life.source.cycle}`)
                    )}{' '}
                    <span className="muted small">({life.source.origin})</span>
                  </>
                ),
              ],
            ]}
          />
          {os.evidence.length > 0 && (
            <>
              <h4 className="score-subtitle">How it was recognised</h4>
              <ul className="reason-list small" data-testid="os-evidence">
                {os.evidence.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div data-testid="hygiene-patches">
          <h3>Patches</h3>
          <DefinitionList
            items={[
              [
                'Since the last patch',
                patches.daysSinceLastPatch !== undefined ? (
                  <span
                    key="days"
                    className={
                      patches.daysSinceLastPatch > 365
                        ? 'age-danger'
                        : patches.daysSinceLastPatch > 90
                          ? 'age-warning'
                          : ''
                    }
                  >
                    {plural(patches.daysSinceLastPatch, 'day')}
                  </span>
                ) : (
                  <span key="none" className="muted">
                    No patch date recorded
                  </span>
                ),
              ],
              [
                'Critical updates missing',
                patches.rules.length === 0 ? (
                  <span key="none" className="muted">
                    No rule applies to this operating system
                  </span>
                ) : patches.missing.length > 0 ? (
                  <span key="missing" className="age-danger">
                    {formatNumber(patches.missing.length)}
                  </span>
                ) : (
                  'None'
                ),
              ],
              [
                'Patching restricted',
                patches.restricted && (
                  <>
                    <Badge tone="info">{humanize(patches.restricted.policy)}</Badge>
                    {patches.restricted.restrictions && <div>{patches.restricted.restrictions}</div>}
                  </>
                ),
              ],
            ]}
          />
          {patches.restricted && patches.missing.length > 0 && (
            <p className="muted small">
              The supplier restricts patching: missing updates here are for the supplier to deliver, with
              compensating controls until then.
            </p>
          )}
          {patches.problems.length > 0 && (
            <Alert tone="warning">
              {patches.problems.map((p) => (
                <div key={p}>{p}</div>
              ))}
            </Alert>
          )}
        </div>
        <div data-testid="hygiene-protection">
          <h3>Protection</h3>
          <p>
            <ProtectionBadge status={protection.status} />
          </p>
          {protection.reasons.length > 0 && (
            <ul className="reason-list small">
              {protection.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
          {protection.products.length > 0 && (
            <table className="table compact subsection">
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">Status</th>
                  <th scope="col">Signatures</th>
                </tr>
              </thead>
              <tbody>
                {protection.products.map((p) => (
                  <tr key={p.product}>
                    <td>
                      {p.product}
                      {p.kind && <div className="muted small">{humanize(p.kind)}</div>}
                      {!p.counts && <div className="muted small">Not counted as protection here</div>}
                    </td>
                    <td>
                      <ProductStatusBadge status={p.status} />
                    </td>
                    <td>{p.signatureAgeDays !== undefined ? formatAge(p.signatureAgeDays) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
      {patches.rules.length > 0 && (
        <div className="subsection">
          <h3>Critical updates</h3>
          <div className="table-wrap">
            <table className="table" data-testid="patch-rules">
              <thead>
                <tr>
                  <th scope="col">Vulnerability</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Why</th>
                  <th scope="col">What fixes it</th>
                  <th scope="col" className="num">
                    Fix available for
                  </th>
                </tr>
              </thead>
              <tbody>
                {patches.rules.map((r) => (
                  <tr key={r.rule} className={r.outcome === 'missing' ? 'rule-missing' : undefined}>
                    <td>
                      <div className="rule-title">{r.title}</div>
                      <div className="small tag-list">
                        {r.cves.map((c) => (
                          <Link key={c} to={`/vulnerabilities/${c}`} className="mono">
                            {c}
                          </Link>
                        ))}
                      </div>
                    </td>
                    <td>
                      <OutcomeBadge outcome={r.outcome} />
                    </td>
                    <td className="small">{r.evidence}</td>
                    <td className="small">
                      {r.fix ? (
                        <>
                          <div className="tag-list">
                            {r.fix.kbs.map((kb) => (
                              <code key={kb}>{kb}</code>
                            ))}
                          </div>
                          {r.fix.minBuild && (
                            <div>
                              or build <span className="mono">{r.fix.minBuild}</span> or later
                            </div>
                          )}
                          <div className="muted">Released {formatDate(r.fix.released)}</div>
                          {r.fix.condition && <div className="muted">{r.fix.condition}</div>}
                          {r.fix.note && <div className="muted">{r.fix.note}</div>}
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td className="num">
                      {r.patchWindowDays !== undefined ? (
                        <span className="age-danger">{plural(r.patchWindowDays, 'day')}</span>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </>
  );
}

const MATCHED_BY: Record<string, string> = {
  mac: 'MAC address',
  ip: 'IP address',
  hostname: 'Hostname',
  range: 'Address range',
};

export function DeviceExposureSection({ deviceId }: { deviceId: number }) {
  const { data, error, reload } = useApi<DeviceExposureResponse>(`/devices/${deviceId}/exposure`);
  useScrollIntoView('exposure', data !== undefined || error !== undefined);
  const exposure = data?.exposure;
  return (
    <section className="card" id="exposure" aria-labelledby="device-exposure" data-testid="device-exposure">
      <div className="card-header">
        <h2 id="device-exposure">Exposure</h2>
        <span className="muted">What nmap scans, Shodan and firewall lists saw of this device</span>
      </div>
      {error && <ErrorState error={error} retry={reload} />}
      {!data && !error && <Loading />}
      {data && !exposure && data.observations.length === 0 && (
        <Empty title="No scan has seen this device.">
          Scans and lists imported on the <Link to="/exposure">Exposure</Link> page are matched to devices by
          MAC, address and hostname.
        </Empty>
      )}
      {data && !exposure && data.observations.length > 0 && (
        <Alert tone="info">
          Not seen in the last 90 days: what follows is history, not current exposure.
        </Alert>
      )}
      {exposure && (
        <>
          <DefinitionList
            items={[
              ['Reach', <InternetFacingBadge key="f" facing={exposure.internetFacing} />],
              ['Last observed', formatDateTime(exposure.lastObservedAt)],
              ['Seen by', exposure.sources.map((x) => SOURCE_LABEL[x] ?? x).join(', ')],
            ]}
          />
          <div className="subsection">
            <h3>Risky services</h3>
            {exposure.riskyServices.length === 0 ? (
              <p className="muted">No risky service seen open.</p>
            ) : (
              <RiskReasons device={exposure} />
            )}
          </div>
          <div className="subsection">
            <h3>Open services</h3>
            {exposure.openServices.length === 0 ? (
              <p className="muted">No port seen open.</p>
            ) : (
              <div className="table-wrap">
                <table className="table compact" data-testid="open-services">
                  <thead>
                    <tr>
                      <th scope="col">Port</th>
                      <th scope="col">State</th>
                      <th scope="col">Service</th>
                      <th scope="col">Product</th>
                      <th scope="col">Seen by</th>
                      <th scope="col">Reach</th>
                      <th scope="col">Observed</th>
                    </tr>
                  </thead>
                  <tbody>
                    {exposure.openServices.map((o) => (
                      <tr key={`${o.transport}/${o.port}`}>
                        <td className="mono">
                          {o.port}/{o.transport}
                        </td>
                        <td>{o.state}</td>
                        <td>
                          {o.name ?? '—'}
                          {o.tls && (
                            <>
                              {' '}
                              <Badge tone="success">TLS</Badge>
                            </>
                          )}
                        </td>
                        <td>
                          {[o.product, o.version].filter(Boolean).join(' ') || (
                            <span className="muted">—</span>
                          )}
                          {o.cpes.length > 0 && <div className="mono small muted">{o.cpes.join(' ')}</div>}
                        </td>
                        <td>{SOURCE_LABEL[o.source] ?? o.source}</td>
                        <td>
                          <InternetFacingBadge facing={o.internetFacing} />
                        </td>
                        <td className="nowrap">{formatDateTime(o.observedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
          {exposure.reportedVulnerabilities.length > 0 && (
            <div className="subsection">
              <h3>Vulnerabilities the sources reported</h3>
              <div className="table-wrap">
                <table className="table compact" data-testid="reported-vulnerabilities">
                  <thead>
                    <tr>
                      <th scope="col">Vulnerability</th>
                      <th scope="col">Verified</th>
                      <th scope="col" className="num">
                        CVSS
                      </th>
                      <th scope="col">Port</th>
                      <th scope="col">Summary</th>
                    </tr>
                  </thead>
                  <tbody>
                    {exposure.reportedVulnerabilities.map((v) => (
                      <tr key={`${v.id}-${v.port ?? ''}`}>
                        <td>
                          <Link to={`/vulnerabilities/${encodeURIComponent(v.id)}`} className="mono">
                            {v.id}
                          </Link>
                        </td>
                        <td>
                          {v.verified === undefined ? (
                            <span className="muted">Not said</span>
                          ) : v.verified ? (
                            <Badge tone="danger">Verified</Badge>
                          ) : (
                            <Badge tone="neutral">From the version</Badge>
                          )}
                        </td>
                        <td className="num">{v.cvss?.toFixed(1) ?? '—'}</td>
                        <td className="mono">{v.port ?? '—'}</td>
                        <td className="small">{v.summary ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          )}
        </>
      )}
      {data && data.observations.length > 0 && (
        <div className="subsection">
          <h3>History</h3>
          <div className="table-wrap">
            <table className="table compact" data-testid="observation-history">
              <thead>
                <tr>
                  <th scope="col">Observed</th>
                  <th scope="col">Source</th>
                  <th scope="col">Address</th>
                  <th scope="col">Reach</th>
                  <th scope="col">Matched by</th>
                  <th scope="col">Open ports</th>
                </tr>
              </thead>
              <tbody>
                {data.observations.map((o) => (
                  <tr key={`${o.importId}-${o.observedAt}-${o.address}`}>
                    <td className="nowrap">{formatDateTime(o.observedAt)}</td>
                    <td>
                      {SOURCE_LABEL[o.source] ?? o.source}{' '}
                      <span className="muted small">import #{o.importId}</span>
                    </td>
                    <td className="mono">{o.address}</td>
                    <td>
                      <InternetFacingBadge facing={o.internetFacing} />
                    </td>
                    <td>{o.matchedBy ? (MATCHED_BY[o.matchedBy] ?? humanize(o.matchedBy)) : '—'}</td>
                    <td>
                      {o.hostState === 'down' ? (
                        <span className="muted">Host down</span>
                      ) : (
                        <span className="port-list">
                          {(o.services ?? [])
                            .filter((s) => s.state === 'open')
                            .map((s) => (
                              <span key={`${s.transport}/${s.port}`}>
                                {s.port}/{s.transport}
                              </span>
                            ))}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
