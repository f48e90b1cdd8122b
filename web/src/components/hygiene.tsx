/**
 * Device hygiene and exposure as every page shows them: what each measure means, its count and share, its
 * trend, and the badges of an operating system's support, a device's protection, a critical update rule's
 * outcome and a risky service (its reason on hover, and in words beside it where there is room).
 */
import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import type {
  DeviceExposure,
  HygieneCount,
  HygieneMeasure,
  HygieneSummary,
  ProtectionStatus,
  RiskSeverity,
  RiskyService,
  RuleOutcome,
  SupportStatus,
} from '../api/types.js';
import { formatDate, formatShare, humanize, todayIso } from '../format.js';
import { Sparkline } from './charts.js';
import { Icon } from './Icon.js';
import { Badge } from './ui.js';

export interface MeasureInfo {
  label: string;
  /** What counts a device in, in one sentence. */
  description: string;
}

export const MEASURE_INFO: Record<HygieneMeasure, MeasureInfo> = {
  'os-unsupported': {
    label: 'Unsupported operating system',
    description:
      'Its vendor publishes no more security updates for this release, and the device is not on extended updates.',
  },
  'os-extended-updates': {
    label: 'On extended security updates',
    description:
      'Past the end of standard support, still patched through a paid programme (Windows ESU, RHEL ELS, Ubuntu Pro…) until it ends.',
  },
  'os-unknown': {
    label: 'Operating system unknown',
    description:
      'The inventory names no operating system Vigil recognises, or no end of support is published for it.',
  },
  'critical-updates-missing': {
    label: 'Critical updates missing',
    description:
      'At least one critical fix (MS17-010, BlueKeep, PrintNightmare…) is missing on a release it applies to.',
  },
  'not-patched-90-days': {
    label: 'Not patched in 90 days',
    description: 'The last recorded patch is more than 90 days old, or no patch was ever recorded.',
  },
  'protection-missing': {
    label: 'Protection missing',
    description: 'No anti-virus or endpoint protection where the policy requires one.',
  },
  'protection-stale': {
    label: 'Stale signatures',
    description: 'Protection is installed, but its signatures are older than the policy allows.',
  },
  'protection-outdated': {
    label: 'Outdated protection',
    description: 'The security product is past its end of life, or behind the version the policy requires.',
  },
  'internet-exposed': {
    label: 'Reachable from the internet',
    description: 'Shodan, an internet-facing scan or a firewall list saw the device in the last 90 days.',
  },
  'risky-services': {
    label: 'Risky services open',
    description: 'A scan saw SMB, RDP, Telnet, VNC, FTP, DICOM, HL7 or a web admin page open on it.',
  },
};

/** The measures as the hygiene page groups them: one question each. */
export const MEASURE_GROUPS: { title: string; measures: HygieneMeasure[] }[] = [
  { title: 'Operating systems', measures: ['os-unsupported', 'os-extended-updates', 'os-unknown'] },
  { title: 'Patches', measures: ['critical-updates-missing', 'not-patched-90-days'] },
  { title: 'Protection', measures: ['protection-missing', 'protection-stale', 'protection-outdated'] },
  { title: 'Exposure', measures: ['internet-exposed', 'risky-services'] },
];

/** A measure's count among counts (zero of the total when absent). */
export function countOf(measures: readonly HygieneCount[], measure: HygieneMeasure): HygieneCount {
  return measures.find((m) => m.measure === measure) ?? { measure, count: 0, total: measures[0]?.total ?? 0 };
}

/** Several measures added up (protection's statuses exclude one another: their sum counts devices). */
export function sumOf(measures: readonly HygieneCount[], which: readonly HygieneMeasure[]) {
  const counts = which.map((m) => countOf(measures, m));
  return { count: counts.reduce((n, c) => n + c.count, 0), total: counts[0]?.total ?? 0 };
}

/**
 * A share's trend from the daily snapshots: a sparkline from two days on; with one day, where it starts.
 */
export function MeasureTrend({
  title,
  trend,
  measures,
  width,
  height,
}: {
  title: string;
  trend: HygieneSummary['trend'];
  measures: readonly HygieneMeasure[];
  width?: number;
  height?: number;
}) {
  if (trend.length === 0) return <span className="trend-note muted small">No trend yet</span>;
  if (trend.length === 1) {
    const day = trend[0]!.day;
    return (
      <span className="trend-note muted small" data-testid="trend-note">
        {day === todayIso() ? 'Trend starts today' : `Trend starts ${formatDate(day)}`}
      </span>
    );
  }
  return (
    <span className="trend">
      <Sparkline
        title={title}
        width={width}
        height={height}
        format={(v) => `${Number((v * 100).toFixed(2))}%`}
        points={trend.map((t) => {
          const { count, total } = sumOf(t.measures, measures);
          return { key: t.day, label: formatDate(t.day), value: total > 0 ? count / total : 0 };
        })}
      />
      <span className="muted small" aria-hidden="true">
        since {formatDate(trend[0]!.day)}
      </span>
    </span>
  );
}

/** The count and its share, as the tiles and cards write them. */
export function CountShare({ count, total }: { count: number; total: number }) {
  return (
    <>
      {count.toLocaleString('en')} <span className="muted">({formatShare(count, total)})</span>
    </>
  );
}

const OS_TONE: Record<SupportStatus, string> = {
  supported: 'success',
  'extended-security-updates': 'warning',
  unsupported: 'danger',
  unknown: 'neutral',
};

const OS_LABEL: Record<SupportStatus, string> = {
  supported: 'Supported',
  'extended-security-updates': 'Extended updates',
  unsupported: 'Unsupported',
  unknown: 'Unknown',
};

export function OsStatusBadge({ status, title }: { status: string; title?: string }) {
  const known = status in OS_LABEL ? (status as SupportStatus) : undefined;
  return (
    <span title={title}>
      <Badge tone={known ? OS_TONE[known] : 'neutral'}>{known ? OS_LABEL[known] : humanize(status)}</Badge>
    </span>
  );
}

const PROTECTION_TONE: Record<ProtectionStatus, string> = {
  protected: 'success',
  missing: 'danger',
  'outdated-version': 'danger',
  'stale-signatures': 'warning',
  unverified: 'caution',
  'not-required': 'muted',
};

const PROTECTION_LABEL: Record<ProtectionStatus, string> = {
  protected: 'Protected',
  missing: 'Missing',
  'outdated-version': 'Outdated version',
  'stale-signatures': 'Stale signatures',
  unverified: 'Unverified',
  'not-required': 'Not required',
};

export function ProtectionBadge({ status }: { status: string }) {
  const known = status in PROTECTION_LABEL ? (status as ProtectionStatus) : undefined;
  return (
    <Badge tone={known ? PROTECTION_TONE[known] : 'neutral'}>
      {known ? PROTECTION_LABEL[known] : humanize(status)}
    </Badge>
  );
}

/** A security product's own status (software-checks.ts): ok, outdated, stale or unverified. */
export function ProductStatusBadge({ status }: { status: string }) {
  const tone =
    status === 'ok'
      ? 'success'
      : status === 'outdated-version'
        ? 'danger'
        : status === 'stale-signatures'
          ? 'warning'
          : 'caution';
  return <Badge tone={tone}>{status === 'ok' ? 'OK' : humanize(status)}</Badge>;
}

const OUTCOME_TONE: Record<RuleOutcome, string> = {
  fixed: 'success',
  missing: 'danger',
  'not-affected': 'muted',
  'not-assessed': 'neutral',
  unknown: 'neutral',
};

export function OutcomeBadge({ outcome }: { outcome: RuleOutcome }) {
  return <Badge tone={OUTCOME_TONE[outcome] ?? 'neutral'}>{humanize(outcome)}</Badge>;
}

const SEVERITY_TONE: Record<RiskSeverity, string> = {
  critical: 'danger',
  high: 'warning',
  medium: 'caution',
  low: 'neutral',
};

export function SeverityBadge({ severity }: { severity: RiskSeverity }) {
  return <Badge tone={SEVERITY_TONE[severity] ?? 'neutral'}>{humanize(severity)}</Badge>;
}

/** A risky service as a badge: its name and port, its severity as the colour, its reason on hover. */
export function RiskyServiceBadge({ service }: { service: RiskyService }) {
  const where = `${service.port}/${service.transport}`;
  const title = `${service.title} on ${where}, ${service.severity}${service.internetFacing ? ', reachable from the internet' : ''}${service.confirmed ? '' : ', not confirmed open'}: ${service.reason}`;
  return (
    <span
      className={`badge badge-${SEVERITY_TONE[service.severity] ?? 'neutral'} risky-badge`}
      title={title}
      data-testid="risky-service"
    >
      {service.internetFacing && (
        <>
          <Icon name="exposure" />
          <span className="visually-hidden">Internet-facing: </span>
        </>
      )}
      {service.title} <span className="mono">{where}</span>
    </span>
  );
}

export function InternetFacingBadge({ facing }: { facing: boolean }) {
  return facing ? <Badge tone="danger">Internet-facing</Badge> : <Badge tone="neutral">Internal</Badge>;
}

/** A labelled value in a short list of rows (the dashboard cards): the label a link, the numbers beside. */
export function ScoreRow({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <li>
      <span className="score-row-label">{label}</span>
      <span className="score-row-value">{children}</span>
    </li>
  );
}

export const SOURCE_LABEL: Record<string, string> = {
  nmap: 'nmap XML',
  shodan: 'Shodan',
  'firewall-list': 'Firewall list',
  'vigil-scan': 'Vigil scan',
};

/** Each risky service with its reason in words, and what the sources themselves reported. */
export function RiskReasons({
  device,
}: {
  device: Pick<DeviceExposure, 'riskyServices' | 'reportedVulnerabilities'>;
}) {
  return (
    <>
      <ul className="reason-list" data-testid="risk-reasons">
        {device.riskyServices.map((r) => (
          <li key={`${r.id}-${r.port}-${r.transport}`}>
            <SeverityBadge severity={r.severity} /> <strong>{r.title}</strong>{' '}
            <span className="mono small">
              {r.port}/{r.transport}
            </span>
            {r.internetFacing && (
              <>
                {' '}
                <Badge tone="danger">from the internet</Badge>
              </>
            )}
            {!r.confirmed && (
              <>
                {' '}
                <Badge tone="neutral">not confirmed open</Badge>
              </>
            )}
            <div className="muted">{r.reason}</div>
          </li>
        ))}
      </ul>
      {device.reportedVulnerabilities.length > 0 && (
        <p className="small">
          Reported by the sources:{' '}
          {device.reportedVulnerabilities.map((v, i) => (
            <Fragment key={`${v.id}-${v.port ?? ''}`}>
              {i > 0 && ', '}
              <Link to={`/vulnerabilities/${encodeURIComponent(v.id)}`}>{v.id}</Link>
            </Fragment>
          ))}
        </p>
      )}
    </>
  );
}
