import { Link, useParams } from 'react-router';
import { PageHeader } from '../components/ui.js';

const PLACES: Record<string, { title: string; text: string }> = {
  programs: {
    title: 'Programs',
    text: 'Backups, training, incident playbooks and pre-purchase assessments, each with its own evidence.',
  },
  reports: {
    title: 'Reports',
    text: 'The scorecard for the board, and exports for auditors.',
  },
};

export function ComingSoonPage() {
  const { place = '' } = useParams();
  const info = PLACES[place] ?? { title: 'Coming soon', text: 'This part of Vigil is not built yet.' };
  return (
    <>
      <PageHeader title={info.title} subtitle="Coming soon" />
      <div className="card card-muted">
        <p>{info.text}</p>
        <p className="muted">
          Until then, the <Link to="/devices">device inventory</Link>, the{' '}
          <Link to="/components">component search</Link> and the{' '}
          <Link to="/vulnerabilities">vulnerabilities</Link> answer where a component is and what affects it.
        </p>
      </div>
    </>
  );
}

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>
        There is nothing at this address. <Link to="/">Go to the start page</Link>.
      </p>
    </>
  );
}
